using System.Text.Json.Nodes;

namespace Repro.Results;

/// <summary>
/// artifacts/results/sensitivity.json: the sensitivity study. For every reading and alternative, the claims it touches rerun
/// with that reading alone changed from the default; the default row runs the same restricted claims under our readings.
/// </summary>
public sealed record SensitivityRecord
{
    public const string DefaultReading = "default";
    public const string FileName = "sensitivity.json";
    /// <summary>A study in progress beside a finished one of other parameters, which it replaces only once it is complete.</summary>
    public const string PartialFileName = "sensitivity.partial.json";

    public int SchemaVersion { get; init; }
    public required string Profile { get; init; }
    /// <summary>The study's profile (seeds, restricted networks) and its other parameters; a resumed study must match them.</summary>
    public required JsonObject Parameters { get; init; }
    public required IReadOnlyList<SensitivityAlternative> Alternatives { get; init; }
    public required IReadOnlyList<string> Claims { get; init; }
    /// <summary>
    /// The claims whose cells the profile's budget runs (null: all of <see cref="Claims"/>). A missing cell of another claim is
    /// 'not tested at this budget', not a gap in the study.
    /// </summary>
    public IReadOnlyList<string>? ClaimsAtBudget { get; init; }
    public required IReadOnlyList<SensitivityCell> Cells { get; init; }
    public required double WallSeconds { get; init; }
    public required EnvironmentInfo Environment { get; init; }

    public SensitivityCell? Cell(string reading, string alternative, string claim) =>
        Cells.FirstOrDefault(c => c.Reading == reading && c.Alternative == alternative && c.Claim == claim);

    public SensitivityCell? DefaultCell(string claim) => Cells.FirstOrDefault(c => c.Reading == DefaultReading && c.Claim == claim);

    /// <summary>Whether the budget the study ran at covers <paramref name="claim"/>'s cells.</summary>
    public bool AtBudget(string claim) => ClaimsAtBudget is null || ClaimsAtBudget.Contains(claim);

    /// <summary>Every (alternative, claim) the study must run at its budget, the default row first.</summary>
    public IEnumerable<(SensitivityAlternative Alternative, string Claim)> ExpectedCells() =>
        Alternatives.SelectMany(a => a.Claims.Where(AtBudget).Select(c => (a, c)));

    public bool Complete => ExpectedCells().All(x => Cell(x.Alternative.Reading, x.Alternative.Name, x.Claim) is not null);
}
