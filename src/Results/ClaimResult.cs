using System.Text.Json.Nodes;

namespace Repro.Results;

/// <summary>Outcome of a claim: [Re] reproduced, [¬Re] not reproduced, or not run.</summary>
public enum Verdict { Re, NotRe, NotRun }

/// <summary>A measured quantity over seeds: every value, their mean and sample standard deviation.</summary>
public sealed record Metric(double Mean, double Sd, IReadOnlyList<double> Values)
{
    public static Metric Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new Metric(double.NaN, double.NaN, v);
        double mean = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new Metric(mean, sd, v);
    }
    public static Metric Single(double value) => Of([value]);
}

/// <summary>One assertion of a claim: "metric comparison threshold", and what was measured.</summary>
public sealed record Check(string Name, string Metric, string Comparison, double Threshold, double Measured, bool Passed);

/// <summary>One image panel of a figure (row × column), raw values; the report normalises for display.</summary>
public sealed record ImageRecord(string Figure, string Row, string Column, int Height, int Width, float[]? Pixels, string? Note = null)
{
    /// <summary>A blank panel: the attack for this class failed (the paper's blank images).</summary>
    public bool Blank => Pixels is null;
}

/// <summary>A labelled matrix, e.g. r(AP_i, PNC_j) for one figure row.</summary>
public sealed record MatrixRecord(string Figure, string Name, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, double[][] Values, string Summary);

/// <summary>One row of Table 1: the paper's numbers beside ours.</summary>
public sealed record Table1Row(
    string Dataset, string Architecture, string Optimizer,
    double PaperAccuracy, double PaperLoss, double TargetAccuracy,
    Metric Accuracy, Metric Loss, Metric Epochs, bool ReachedTarget);

/// <summary>Where and with what a result was obtained.</summary>
public sealed record EnvironmentInfo(
    string Os, string Cpu, string Device, string DotNet, string TorchSharp, string LibTorch,
    int Threads, string Commit, DateTimeOffset Date);

/// <summary>
/// One record per claim run (artifacts/results/&lt;id&gt;.json). The report reads only these.
/// Nothing is rounded here; rounding happens where values are shown.
/// </summary>
public sealed record ClaimResult
{
    /// <summary>
    /// The record layout this file was written with; <see cref="ResultStore.Write"/> stamps
    /// <see cref="ResultSchema.CurrentVersion"/>. A record without it (0) was written by older code.
    /// </summary>
    public int SchemaVersion { get; init; }
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Section { get; init; }
    public required string PaperWords { get; init; }
    public required string Profile { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>Every parameter used, including reductions of the quick profile.</summary>
    public required JsonObject Parameters { get; init; }
    /// <summary>Every reading of a detail the paper leaves open: name → the value we chose.</summary>
    public required IReadOnlyDictionary<string, string> Readings { get; init; }
    public required IReadOnlyDictionary<string, Metric> Metrics { get; init; }
    public required IReadOnlyList<Check> Checks { get; init; }
    /// <summary>The claim's threshold in words, e.g. "r(AP_m1, AP_m2) ≥ 0.6 for every class and pair".</summary>
    public required string Threshold { get; init; }
    public required Verdict Verdict { get; init; }
    /// <summary>For [¬Re]: what was found instead, in one or two sentences.</summary>
    public string? Finding { get; init; }
    public required double WallSeconds { get; init; }
    /// <summary>Cost of each stage (§2.7), in seconds: e.g. "secondsPerAp", "secondsPer30AdeAai", "secondsPerTraining".</summary>
    public IReadOnlyDictionary<string, Metric> Timings { get; init; } = new Dictionary<string, Metric>();
    public IReadOnlyList<ImageRecord> Images { get; init; } = [];
    public IReadOnlyList<MatrixRecord> Matrices { get; init; } = [];
    public IReadOnlyList<Table1Row> Table1 { get; init; } = [];
    public required EnvironmentInfo Environment { get; init; }
}
