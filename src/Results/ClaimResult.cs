using System.Text.Json.Nodes;

namespace Repro.Results;

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
    /// <summary>The verdict of the primary analysis: its claim checks, with every sanity check.</summary>
    public required Verdict Verdict { get; init; }
    /// <summary>The verdict of the exploratory re-readings (checks specified after results were seen); null when the claim has none.</summary>
    public Verdict? ExploratoryVerdict { get; init; }
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
