namespace Repro.Results;

/// <summary>
/// What budget would test the networks a profile leaves "not tested at this budget" (results/epochs-needed.json, written by
/// <c>repro budget</c>): for one seed of each capped Table 1 configuration, the epochs it needs to reach the table's accuracy on
/// the stopping split, or that it does not within <see cref="MaxEpochs"/>.
/// </summary>
public sealed record EpochsNeededRecord
{
    public const string FileName = "epochs-needed.json";

    public int SchemaVersion { get; init; }
    public required string Profile { get; init; }
    public required double MaxEpochs { get; init; }
    public required IReadOnlyList<EpochsNeededRow> Rows { get; init; }
    public required double WallSeconds { get; init; }
    public required EnvironmentInfo Environment { get; init; }
}
