namespace Repro.Experiments.Claims;

/// <summary>The claims in id order.</summary>
public static class ClaimCatalog
{
    public static IReadOnlyList<IClaim> All { get; } =
    [
        new Figure1MethodAgreement(),
        new Figure2ParameterRobustness(),
        new Table1Training(),
        new Figures3And4ApVersusPnc(),
        new ClarityVersusComplexity(),
        new Figures5And6DummyDatasets(),
        new CostOfAbstraction(),
    ];

    public static IClaim Get(string id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown claim '{id}': use one of {string.Join(", ", All.Select(c => c.Id))}.");

    /// <summary>Parse "C1,C4" (case-insensitive); null or empty means all.</summary>
    public static IReadOnlyList<IClaim> Select(string? ids) =>
        string.IsNullOrWhiteSpace(ids) ? All : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Get).Distinct().ToList();
}
