using Repro.Report;
using Snapshooter.Xunit3;

namespace Repro.Snapshots.Tests;

public class ReportModelSnapshotTests
{
    [Fact]
    public void Given_the_results_fixture_When_the_document_model_is_built_Then_it_matches_the_snapshot()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        Snapshot.Match(Project(doc));
    }

    [Fact]
    public void Given_the_results_fixture_in_reverse_order_When_the_model_is_built_Then_it_equals_the_model_built_in_file_order()
    {
        var records = Fixture.Records();
        var a = Newtonsoft.Json.JsonConvert.SerializeObject(Project(ReportModelBuilder.Build(records, Fixture.Context)));
        var b = Newtonsoft.Json.JsonConvert.SerializeObject(Project(ReportModelBuilder.Build(records.Reverse().ToList(), Fixture.Context)));
        Assert.Equal(a, b);
    }

    /// <summary>
    /// The model as plain data for the snapshot: every section, caption and table cell (numbers already rounded to three
    /// places by the builder), matrices rounded to three places, each image panel reduced to a fingerprint.
    /// </summary>
    public static object Project(ReportDocument doc) => new
    {
        doc.Title,
        doc.Subtitle,
        Sections = doc.Sections.Select(s => new { s.Anchor, s.Heading, s.Level, Blocks = s.Blocks.Select(ProjectBlock).ToList() }).ToList(),
    };

    private static object ProjectBlock(Block block) => block switch
    {
        Paragraph p => new { p.Kind, Style = p.Style.ToString(), p.Text },
        Table t => new { t.Kind, t.Name, t.Header, t.Rows, t.Caption },
        Figure f => new
        {
            f.Kind,
            f.Key,
            f.Title,
            f.Caption,
            Rows = f.Grid.RowLabels,
            Columns = f.Grid.ColumnLabels,
            Panels = f.Grid.Panels.Select(Fingerprint).ToList(),
            HeatMaps = f.HeatMaps.Select(ProjectBlock).ToList(),
        },
        HeatMap h => new
        {
            h.Kind,
            h.Figure,
            h.Title,
            h.RowLabels,
            h.ColumnLabels,
            Values = h.Values.Select(r => string.Join(" ", r.Select(Num.F))).ToList(),
            h.Caption,
        },
        VerdictGrid g => new
        {
            g.Kind,
            g.Key,
            g.Title,
            Rows = g.RowLabels.Select(r => $"{r.Reading}: {r.Alternative}").ToList(),
            Columns = g.ColumnLabels,
            Cells = g.Cells.Select(r => r.Select(c => $"{c.Verdict} | {c.Number} | {(c.Flip ? "flip" : "-")} | {c.Outcome}").ToList()).ToList(),
            g.Caption,
        },
        _ => new { block.Kind },
    };

    private static string Fingerprint(Panel p)
    {
        var head = $"r{p.Row} c{p.Column} {p.Height}x{p.Width}";
        if (p.Pixels is null) return $"{head} blank" + (p.Note is null ? "" : $" ({p.Note})");
        return $"{head} min {Num.F(p.Pixels.Min())} max {Num.F(p.Pixels.Max())} mean {Num.F(p.Pixels.Average(v => (double)v))}" +
               (p.Note is null ? "" : $" ({p.Note})");
    }
}
