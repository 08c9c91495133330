using System.Text.Json;
using Repro.Results;

namespace Repro.Snapshots.Tests;

public class FixtureTests
{
    /// <summary>
    /// The checked-in fixture is exactly what the generator writes through ResultStore. To change the fixture, edit
    /// FixtureGenerator and run the tests once with REPRO_WRITE_FIXTURE=1 (then update snapshots and the page count).
    /// </summary>
    [Fact]
    public void Given_the_fixture_generator_When_its_records_are_serialised_Then_they_equal_the_checked_in_fixture_files()
    {
        var records = FixtureGenerator.Build();
        if (Environment.GetEnvironmentVariable("REPRO_WRITE_FIXTURE") == "1")
        {
            var store = new ResultStore(Fixture.SourceResultsDir());
            foreach (var r in records) store.Write(r);
        }
        foreach (var r in records)
        {
            var path = Path.Combine(Fixture.ResultsDir, r.Id + ".json");
            Assert.True(File.Exists(path), $"Fixture file {path} is missing; run the tests once with REPRO_WRITE_FIXTURE=1.");
            var expected = JsonSerializer.Serialize(r with { SchemaVersion = ResultSchema.CurrentVersion }, ResultStore.Json).ReplaceLineEndings("\n");
            Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Given_the_fixture_When_read_with_ResultStore_Then_it_holds_C1_to_C7_one_blank_panel_one_NotRe_and_twelve_Table1_rows()
    {
        var records = Fixture.Records();
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6", "C7"], records.Select(r => r.Id));
        Assert.Single(records.SelectMany(r => r.Images), i => i.Blank);
        var notRe = Assert.Single(records, r => r.Verdict == Verdict.NotRe);
        Assert.False(string.IsNullOrWhiteSpace(notRe.Finding));
        Assert.Equal(12, records.Single(r => r.Id == "C3").Table1.Count);
        long bytes = Directory.GetFiles(Fixture.ResultsDir, "*.json").Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 1_000_000, $"The fixture should stay under 1 MB; it is {bytes} bytes.");
    }
}
