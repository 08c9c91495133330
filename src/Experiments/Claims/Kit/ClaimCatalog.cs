namespace Repro.Experiments.Claims;

/// <summary>The claims in id order.</summary>
public static class ClaimCatalog
{
    public static IReadOnlyList<IClaim> All { get; } =
    [
        new C1MethodAgreement(),
        new C2ParameterRobustness(),
        new C3Table1Training(),
        new C4aSimpleNetworksApVersusPnc(),
        new C4bEveryNetworkApVersusPnc(),
        new C5ClarityVersusComplexity(),
        new C6DummyDatasets(),
        new C7CostOfAbstraction(),
        new C8BlackBoxPipeline(),
        new C9PersistenceAndTransfer(),
        new C10SparseNegativeSet(),
    ];

    public static IClaim Get(string id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown claim '{id}': use one of {string.Join(", ", All.Select(c => c.Id))}.");

    /// <summary>Parse "C1,C4" (case-insensitive; "C4" names both C4a and C4b); null or "all" means all.</summary>
    /// <exception cref="ArgumentException">An unknown id, or a list that names no claim at all (" ", ","): that is never "all".</exception>
    public static IReadOnlyList<IClaim> Select(string? ids)
    {
        if (ids is null || string.Equals(ids.Trim(), "all", StringComparison.OrdinalIgnoreCase)) return All;
        var named = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (named.Length == 0)
            throw new ArgumentException($"'{ids}' names no claim: give ids such as C1,C4 (one of {string.Join(", ", All.Select(c => c.Id))}), or leave the option out for all.");
        return named.SelectMany(Parts).Distinct().ToList();
    }

    private static IEnumerable<IClaim> Parts(string id)
    {
        var parts = All.Where(c => c.Id.Length == id.Length + 1 && c.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase) && char.IsLetter(c.Id[^1])).ToList();
        return parts.Count > 0 && !All.Any(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) ? parts : [Get(id)];
    }
}
