namespace Repro.Results;

/// <summary>One claim rerun under one reading: its checks with per-seed values, intervals and p, its verdict, and its cost.</summary>
public sealed record SensitivityCell
{
    public required string Reading { get; init; }
    public required string Alternative { get; init; }
    public required string Claim { get; init; }
    public required Verdict Verdict { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    public required IReadOnlyList<Check> Checks { get; init; }
    /// <summary>Extra measurements of this cell, e.g. the lattice share of the first attack step.</summary>
    public IReadOnlyDictionary<string, Metric> Probes { get; init; } = new Dictionary<string, Metric>();
    public required double WallSeconds { get; init; }
    /// <summary>Choices the cell made from data and later cells reuse: C4b's feed per network ("MNIST CNN-Adam" → "Zero").</summary>
    public IReadOnlyDictionary<string, string> Choices { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The check that decides the verdict, among the primary claim checks (the verdict's): the first that is [¬Re], else the first
    /// inconclusive one, else the first; an exploratory check only when the cell has no primary one.
    /// </summary>
    public Check? KeyCheck =>
        Checks.Where(c => c.Kind == CheckKind.Claim).OrderBy(c => c.Analysis == RegisterEntry.Primary ? 0 : 1)
            .ThenBy(c => c.Outcome switch { CheckOutcome.NotRe => 0, CheckOutcome.Inconclusive => 1, _ => 2 }).FirstOrDefault();
}
