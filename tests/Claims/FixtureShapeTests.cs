using Repro.Experiments.Data;
using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// The report's snapshot fixture (tests/Snapshots/Fixtures/results) is a trimmed real run. When a claim starts writing
/// other checks, metrics, panels or matrices, its fixture no longer shows what the report will meet: this fails, and
/// the fixture is refreshed (REPRO_WRITE_FIXTURE=1, see tests/Snapshots/FixtureTests.cs).
/// </summary>
[Collection(ClaimsCollection.Name)]
public sealed class FixtureShapeTests(ClaimsFixture claims)
{
    static string FixturePath(string id) =>
        Path.Combine(RepoPaths.FindRepositoryRoot(AppContext.BaseDirectory)!, "tests", "Snapshots", "Fixtures", "results", id + ".json");

    static IEnumerable<string> Shape(ClaimResult r) =>
        r.Checks.Select(c => $"check {c.Name}")
            .Concat(r.Metrics.Keys.Select(k => $"metric {k}"))
            .Concat(r.Timings.Keys.Select(k => $"timing {k}"))
            .Concat(r.Readings.Keys.Select(k => $"reading {k}"))
            .Concat(r.Parameters.Select(p => $"parameter {p.Key}"))
            .Concat(r.Images.Select(i => $"panel {i.Figure} | {i.Row} | {i.Column} | {i.Height}x{i.Width}"))
            .Concat(r.Matrices.Select(m => $"matrix {m.Figure} | {m.Name} | {m.RowLabels.Count}x{m.ColumnLabels.Count}"))
            .Append($"table1 rows {r.Table1.Count}")
            .Distinct().Order(StringComparer.Ordinal);

    [Theory]
    [InlineData("C1")]
    [InlineData("C2")]
    [InlineData("C3")]
    [InlineData("C4a")]
    [InlineData("C4b")]
    [InlineData("C5")]
    [InlineData("C6")]
    [InlineData("C7")]
    [InlineData("C8")]
    [InlineData("C9")]
    [InlineData("C10")]
    public void Given_a_claims_fresh_record_When_compared_with_the_report_fixture_Then_both_have_the_same_shape(string id)
    {
        var fresh = claims.Get(id);
        if (fresh.Profile != "quick") Assert.Skip($"the fixture is a quick-profile run; this run is '{fresh.Profile}'.");
        var fixture = ResultStore.Read(FixturePath(id));

        var missing = Shape(fresh).Except(Shape(fixture)).ToList();
        var extra = Shape(fixture).Except(Shape(fresh)).ToList();

        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{id}: the fixture lacks {missing.Count} ({string.Join("; ", missing.Take(5))}) and has {extra.Count} the claim no longer writes " +
            $"({string.Join("; ", extra.Take(5))}); refresh it with REPRO_WRITE_FIXTURE=1 (tests/Snapshots/FixtureTests.cs).");
    }
}
