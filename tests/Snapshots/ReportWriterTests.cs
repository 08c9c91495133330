using Repro.Report;
using Repro.Results;
using SkiaSharp;

namespace Repro.Snapshots.Tests;

public class ReportWriterTests
{
    [Fact]
    public void Given_the_fixture_When_the_report_is_written_Then_pdf_csv_and_one_png_per_figure_exist_and_no_temporary_file_is_left()
    {
        using var dir = new TempFolder();
        var paths = ReportWriter.Write(Fixture.ResultsDir, dir.Path, Fixture.Context);

        Assert.Contains(Path.Combine(dir.Path, "report.pdf"), paths);
        Assert.Contains(Path.Combine(dir.Path, "results.csv"), paths);
        for (int n = 1; n <= 6; n++)
            Assert.Contains(Path.Combine(dir.Path, "figures", $"figure{n}.png"), paths);
        Assert.Contains(Path.Combine(dir.Path, "figures", "figure3-heatmap2.png"), paths);
        // Every matrix of every record has its PNG, those the body leaves to the appendix too (Figure 3's six, C9's own).
        Assert.Contains(Path.Combine(dir.Path, "figures", "figure3-heatmap6.png"), paths);
        Assert.Contains(Path.Combine(dir.Path, "figures", "c9-heatmap1.png"), paths);
        Assert.Equal(Fixture.Records().Sum(r => r.Matrices.Count), paths.Count(p => p.Contains("-heatmap", StringComparison.Ordinal)));
        Assert.Contains(Path.Combine(dir.Path, "figures", SensitivitySection.GridKey + ".png"), paths);
        Assert.All(paths, p => Assert.True(File.Exists(p) && new FileInfo(p).Length > 0, $"{p} is missing or empty"));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(paths.Order(), Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void Given_the_fixture_When_the_figure_pngs_are_written_Then_each_decodes_and_shows_more_than_white()
    {
        using var dir = new TempFolder();
        var paths = ReportWriter.Write(Fixture.ResultsDir, dir.Path, Fixture.Context);
        foreach (var png in paths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            var (variance, nonWhite) = PdfReportTests.Stats(bitmap);
            Assert.True(variance > 0 && nonWhite > 0.05, $"{Path.GetFileName(png)} looks blank.");
        }
    }

    [Fact]
    public void Given_the_fixture_When_results_csv_is_written_Then_it_has_one_row_per_check_with_unrounded_numbers()
    {
        var records = Fixture.Records();
        var lines = ResultsCsv.Build(records).TrimEnd('\n').Split('\n');
        Assert.Equal("id,name,kind,analysis,metric,comparison,threshold,n,mean,interval,ciLow,ciHigh,p,pIsBound,pNull,family,familySize,pAdjusted," +
                     "familyCiLow,familyCiHigh,outcome,verdict", lines[0]);
        Assert.Equal(records.Sum(r => r.Checks.Count), lines.Length - 1);
        // Unrounded: the numbers are the record's own, in their shortest round-trip form.
        var c5 = records.Single(r => r.Id == "C5").Checks.Single(c => c.Name == "MNIST: clarity falls with complexity");
        Assert.Contains(lines, l => l.StartsWith("C5,MNIST: clarity falls with complexity,Claim,primary,", StringComparison.Ordinal)
                                    && l.Contains($",{Num.Raw(c5.Mean)},FisherZ,{Num.Raw(c5.CiLow)},{Num.Raw(c5.CiHigh)},{Num.Raw(c5.P!.Value)},false,", StringComparison.Ordinal)
                                    && l.EndsWith(",NotTested,NotTested", StringComparison.Ordinal));
        var family = records.Single(r => r.Id == "C4b").Checks.Single(c => c.Name == "MNIST FC-SGD: above its untrained twin");
        Assert.Contains(lines, l => l.StartsWith("C4b,MNIST FC-SGD: above its untrained twin,Claim,exploratory,", StringComparison.Ordinal)
                                    && l.Contains($",true,", StringComparison.Ordinal) && l.Contains($",{family.FamilySize},{Num.Raw(family.PAdjusted!.Value)},", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_fixture_When_the_tidy_csv_files_are_built_Then_each_has_one_row_per_per_seed_value_of_the_records()
    {
        var records = Fixture.Records();
        var checks = ChecksCsv.Build(records).TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', ChecksCsv.Columns), checks[0]);
        Assert.Equal(records.Sum(r => r.Checks.Sum(c => c.PerSeed.Count)), checks.Length - 1);
        // Every per-seed value of every record is in it, at full precision, under its claim, check and seed.
        var rows = checks.Skip(1).Select(ParseCsv).ToList();
        foreach (var r in records)
            foreach (var c in r.Checks)
                for (int i = 0; i < c.PerSeed.Count; i++)
                    Assert.Contains(rows, row => row[0] == r.Id && row[1] == c.Name && row[5] == c.Seeds[i].ToString(System.Globalization.CultureInfo.InvariantCulture)
                                                 && row[6] == Num.Raw(c.PerSeed[i]));
        var c3 = records.Single(r => r.Id == "C3");
        var table1 = Table1Csv.Build(records).TrimEnd('\n').Split('\n');
        Assert.Equal(c3.Table1.Sum(t => t.Accuracy.Values.Count), table1.Length - 1);
        var study = new ResultStore(Fixture.ResultsDir).TryReadSensitivity();
        var sensitivity = SensitivityCsv.Build(study).TrimEnd('\n').Split('\n');
        Assert.Equal(study!.Cells.Sum(c => c.Checks.Sum(k => k.PerSeed.Count)), sensitivity.Length - 1);
    }

    [Fact]
    public void Given_a_stop_request_When_the_report_is_being_written_Then_it_stops_between_pages_and_leaves_no_pdf_and_no_temporary()
    {
        using var dir = new TempFolder();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReportWriter.Write(Fixture.Records(), dir.Path, Fixture.Context, cancel: cts.Token));
        Assert.False(File.Exists(Path.Combine(dir.Path, ReportWriter.PdfName)));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*.tmp"));
    }

    /// <summary>One CSV line's fields, with quoted fields unescaped.</summary>
    static List<string> ParseCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString());
        return fields;
    }

    [Fact]
    public void Given_an_empty_results_folder_When_the_report_is_written_Then_every_claim_is_not_run_and_the_pdf_still_renders()
    {
        using var results = new TempFolder();
        using var dir = new TempFolder();
        var paths = ReportWriter.Write(results.Path, dir.Path, Fixture.Context);
        Assert.True(new FileInfo(Path.Combine(dir.Path, "report.pdf")).Length > 1000);
        var csv = File.ReadAllLines(Path.Combine(dir.Path, "results.csv"));
        Assert.Equal(12, csv.Length);
        Assert.All(csv.Skip(1), l => Assert.EndsWith($",{Verdict.NotRun}", l));
        Assert.Equal(6, paths.Count(p => p.EndsWith(".png", StringComparison.Ordinal)));
    }
}
