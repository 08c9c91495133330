using System.Text.Json;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>
/// The results fixture is a real quick-profile run, trimmed: every record as the claims wrote it, with image pixels
/// rounded to <see cref="PixelDigits"/> significant digits and written without indentation, so it stays small.
/// To refresh it from a run's records (artifacts/results), run these tests once with REPRO_WRITE_FIXTURE=1, then update
/// the snapshots and the page count. tests/Claims checks that the fixture's shape still matches what the claims write.
/// </summary>
public class FixtureTests
{
    /// <summary>Significant digits kept of each pixel: beyond the 256 colours a panel is drawn with.</summary>
    public const int PixelDigits = 3;

    static readonly JsonSerializerOptions Compact = new(ResultStore.Json) { WriteIndented = false };

    /// <summary>The record as the fixture keeps it.</summary>
    public static ClaimResult Trim(ClaimResult r) => r with
    {
        Images = r.Images.Select(i => i with { Pixels = i.Pixels?.Select(Round).ToArray() }).ToList(),
    };

    static float Round(float v)
    {
        if (v == 0 || !float.IsFinite(v)) return v;
        var scale = Math.Pow(10, PixelDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))));
        return (float)(Math.Round(v * scale) / scale);
    }

    static string Serialise(ClaimResult r) => JsonSerializer.Serialize(r, Compact) + "\n";

    static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Repro.sln"))) return dir.FullName;
        return null;
    }

    [Fact]
    public void Given_the_checked_in_fixture_When_trimmed_again_Then_nothing_changes_and_REPRO_WRITE_FIXTURE_refreshes_it_from_a_run()
    {
        if (Environment.GetEnvironmentVariable("REPRO_WRITE_FIXTURE") == "1")
        {
            var root = RepositoryRoot() ?? throw new InvalidOperationException("REPRO_WRITE_FIXTURE=1 needs the tests to run inside the repository.");
            var run = new ResultStore(Path.Combine(root, "artifacts", "results")).ReadAll();
            Assert.True(run.Count == 11, $"artifacts/results holds {run.Count} records; run the claims (repro claims) first.");
            foreach (var r in run)
                File.WriteAllText(Path.Combine(Fixture.SourceResultsDir(), r.Id + ".json"), Serialise(Trim(r)));
            var study = new ResultStore(Path.Combine(root, "artifacts", "results")).TryReadSensitivity()
                ?? throw new InvalidOperationException("artifacts/results holds no sensitivity.json; run 'repro sensitivity' first.");
            File.WriteAllText(Path.Combine(Fixture.SourceResultsDir(), SensitivityRecord.FileName), JsonSerializer.Serialize(study, Compact) + "\n");
        }
        Assert.NotNull(new ResultStore(Fixture.ResultsDir).TryReadSensitivity());
        foreach (var path in Directory.GetFiles(Fixture.ResultsDir, "*.json").Where(p => Path.GetFileName(p) != SensitivityRecord.FileName))
        {
            var record = ResultStore.Read(path);
            Assert.Equal(Serialise(Trim(record)), File.ReadAllText(path).ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Given_the_fixture_When_read_with_ResultStore_Then_it_is_a_quick_run_of_C1_to_C10_with_twelve_Table1_rows_and_stays_small()
    {
        var records = Fixture.Records();
        Assert.Equal(["C1", "C10", "C2", "C3", "C4a", "C4b", "C5", "C6", "C7", "C8", "C9"], records.Select(r => r.Id));
        Assert.All(records, r => Assert.Equal("quick", r.Profile));
        Assert.Equal(12, records.Single(r => r.Id == "C3").Table1.Count);
        Assert.Contains(records, r => r.Verdict == Verdict.NotRe && !string.IsNullOrWhiteSpace(r.Finding));
        long bytes = Directory.GetFiles(Fixture.ResultsDir, "*.json").Sum(f => new FileInfo(f).Length);
        // 3 MB since 2026-12-03: the records carry the rival, negative-weight, precondition and family fields (2.56 MB with a partial study).
        Assert.True(bytes < 3_000_000, $"The fixture should stay under 3 MB; it is {bytes} bytes.");
    }
}
