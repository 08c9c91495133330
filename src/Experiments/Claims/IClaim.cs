using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>A claim of the paper as an experiment that produces one result record.</summary>
public interface IClaim
{
    /// <summary>Stable id: C1…C7.</summary>
    string Id { get; }
    string Title { get; }
    ClaimResult Run(ClaimContext context);
}

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

/// <summary>Runs claims and writes each record atomically to artifacts/results/&lt;id&gt;.json.</summary>
public sealed class ClaimRunner(ClaimContext context)
{
    /// <summary>Run the claims; with resume, a claim whose record exists for this profile is read instead.</summary>
    public IReadOnlyList<ClaimResult> Run(IEnumerable<IClaim> claims, bool resume = false)
    {
        var results = new List<ClaimResult>();
        foreach (var claim in claims)
        {
            context.Cancel.ThrowIfCancellationRequested();
            if (resume && TryReadFinished(claim.Id) is { } existing)
            {
                results.Add(existing);
                continue;
            }
            var result = claim.Run(context);
            context.Results.Write(result);
            results.Add(result);
        }
        return results;
    }

    /// <summary>A finished record of this profile; a damaged or foreign one is run again, never trusted, and the user is told why.</summary>
    private ClaimResult? TryReadFinished(string id)
    {
        try
        {
            var r = context.Results.TryRead(id);
            return r is not null && r.Profile == context.Profile.Name && r.Verdict != Verdict.NotRun ? r : null;
        }
        catch (InvalidRecordException e)
        {
            context.Notice($"{e.Message}; running {id} again.");
            return null;
        }
    }
}
