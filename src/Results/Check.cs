namespace Repro.Results;

/// <summary>
/// One check of a claim, measured per seed: "metric comparison threshold", each seed's value, their mean,
/// the 95% Student-t interval of the mean (NaN bounds when one value has no interval), the p-value of an
/// identification or trend test where there is one, and the outcome.
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
    /// <summary>The p-value of the check's test (permutation, exact Spearman), where it has one.</summary>
    public double? P { get; init; }
    /// <summary>The level <see cref="P"/> must be below for [Re].</summary>
    public double? Alpha { get; init; }
    /// <summary>The paper's own value, for a recorded value shown beside it.</summary>
    public double? PaperValue { get; init; }
    /// <summary>E.g. which seeds chose and which judged, or the date of an earlier reading.</summary>
    public string? Note { get; init; }
    public required CheckOutcome Outcome { get; init; }

    /// <summary>True when the check does not stand in the way of its claim: [Re], holds, or only recorded.</summary>
    public bool Passed => Outcome is CheckOutcome.Re or CheckOutcome.Holds or CheckOutcome.Recorded;
}
