namespace Repro.Results;

/// <summary>
/// One check of a claim, measured per seed: "metric comparison threshold", each seed's value, their mean, the 95%
/// interval of the kind that fits the statistic (<see cref="Interval"/>; NaN bounds when one value has no interval),
/// the p-value of an identification or trend test where there is one, with the null it answers, and the outcome.
/// A check in a family (C3's networks, C4b's networks, C9's pairs) is decided by its Holm-adjusted p and its
/// family-wise (Bonferroni-width) interval; the unadjusted values stay beside them.
/// </summary>
public sealed record Check
{
    /// <summary>The check in words; unique within its claim, and its key in the threshold register.</summary>
    public required string Name { get; init; }
    public required CheckKind Kind { get; init; }
    /// <summary>What is measured, in words.</summary>
    public required string Metric { get; init; }
    /// <summary>"≥", "&gt;", "≤", "&lt;"; empty for a recorded value without a threshold.</summary>
    public required string Comparison { get; init; }
    /// <summary>NaN for a recorded value without a threshold.</summary>
    public required double Threshold { get; init; }
    /// <summary>The seeds (or other replicates) the values come from, in order.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }
    public required IReadOnlyList<double> PerSeed { get; init; }
    public required double Mean { get; init; }
    public required double CiLow { get; init; }
    public required double CiHigh { get; init; }
    /// <summary>Which interval <see cref="CiLow"/>–<see cref="CiHigh"/> is.</summary>
    public IntervalKind Interval { get; init; } = IntervalKind.StudentT;
    /// <summary>For a count (<see cref="IntervalKind.ClopperPearson"/>): the trials per seed; each seed's value is its proportion of them.</summary>
    public int? Trials { get; init; }
    /// <summary>The p-value of the check's test (permutation, exact Spearman or Page, Mann–Whitney), where it has one.</summary>
    public double? P { get; init; }
    /// <summary>
    /// True when <see cref="P"/> is an upper bound, not a measurement: a Monte-Carlo p with no resample as extreme as the
    /// observed value is 1/(N + 1), the smallest that N resamples can give, and is shown as "p ≤ …".
    /// </summary>
    public bool PIsBound { get; init; }
    /// <summary>The null hypothesis <see cref="P"/> answers, in words ("random relabelling of the PNCs"); the interval's is in <see cref="Metric"/>.</summary>
    public string? PNull { get; init; }
    /// <summary>The family the check is corrected within (null when it stands alone), and how many checks the family has.</summary>
    public string? Family { get; init; }
    public int FamilySize { get; init; } = 1;
    /// <summary>Holm's step-down adjustment of <see cref="P"/> within <see cref="Family"/>; it, not <see cref="P"/>, decides the outcome.</summary>
    public double? PAdjusted { get; init; }
    /// <summary>The family-wise interval (level 1 − 0.05 / <see cref="FamilySize"/>) that decides the outcome of a check in a family; NaN otherwise.</summary>
    public double FamilyCiLow { get; init; } = double.NaN;
    public double FamilyCiHigh { get; init; } = double.NaN;
    /// <summary>The level <see cref="P"/> must be below for [Re].</summary>
    public double? Alpha { get; init; }
    /// <summary>The paper's own value, for a recorded value shown beside it.</summary>
    public double? PaperValue { get; init; }
    /// <summary>E.g. which seeds chose and which judged, or the date of an earlier reading.</summary>
    public string? Note { get; init; }
    public required CheckOutcome Outcome { get; init; }
    /// <summary>
    /// "primary": registered before the run that first measured its claim; "exploratory": a re-reading specified after results were
    /// seen. From the register's current line. A claim's verdict is its primary claim checks'; the exploratory ones have a verdict of their own.
    /// </summary>
    public string Analysis { get; init; } = RegisterEntry.Primary;

    /// <summary>True when the check does not stand in the way of its claim: [Re], holds, or only recorded.</summary>
    public bool Passed => Outcome is CheckOutcome.Re or CheckOutcome.Holds or CheckOutcome.Recorded;
}
