using System.Globalization;
using Repro.Results;
using Spectre.Console;

namespace Repro.Cli.Ui;

/// <summary>Prints a run's stage table: the longest stages by wall time, then the run's totals, floor, core use and evaluation overhead.</summary>
public static class StageTableView
{
    public static void Write(IAnsiConsole console, StageTable stages, int top = 20)
    {
        var c = CultureInfo.InvariantCulture;
        var shown = stages.Stages.OrderByDescending(s => s.WallSeconds).Take(top).ToList();
        var table = new Table().AddColumn("stage").AddColumn("kind").AddColumn("claim")
            .AddColumn(new TableColumn("threads").RightAligned()).AddColumn(new TableColumn("wall").RightAligned())
            .AddColumn(new TableColumn("thread CPU").RightAligned()).AddColumn(new TableColumn("GFLOP").RightAligned())
            .AddColumn(new TableColumn("GFLOP/s").RightAligned()).AddColumn(new TableColumn("of matmul").RightAligned());
        foreach (var s in shown)
            table.AddRow(new Text(s.Name), new Text(s.Kind.ToString()), new Text(s.Claim ?? ""), new Text(s.Threads.ToString(c)),
                new Text(string.Create(c, $"{s.WallSeconds:0.00} s")), new Text(double.IsNaN(s.ThreadSeconds) ? "n/a" : string.Create(c, $"{s.ThreadSeconds:0.00} s")),
                new Text(s.Flops > 0 ? string.Create(c, $"{s.Flops / 1e9:0.00}") : "—"),
                new Text(s.Flops > 0 ? string.Create(c, $"{s.FlopsPerSecond / 1e9:0.00}") : "—"),
                new Text(s.Flops > 0 ? stages.ShareOfMatmul(s).ToString("0.0%", c) : "—"));
        table.Caption = new TableTitle(shown.Count < stages.Stages.Count
            ? $"the {shown.Count} longest of {stages.Stages.Count} stages; all in stages.csv"
            : $"{stages.Stages.Count} stages");
        console.Write(table);
        foreach (var line in stages.SummaryLines()) console.WriteLine(line);
        foreach (var line in ModelLines(stages)) console.WriteLine(line);
    }

    /// <summary>The run replayed on this machine's worker count (the model's check) and on 8 and 16 (<see cref="JobGraphModel"/>).</summary>
    public static IEnumerable<string> ModelLines(StageTable stages)
    {
        if (stages.PoolJobs.Count == 0) yield break;
        var c = CultureInfo.InvariantCulture;
        static string Min(double s) => (s / 60).ToString("0.0", CultureInfo.InvariantCulture) + " min";
        double here = JobGraphModel.Seconds(stages, stages.Jobs);
        yield return string.Create(c, $"The run's {stages.PoolJobs.Count} pool jobs replayed on {stages.Jobs} worker(s), as it ran: {Min(here)} against {Min(stages.WallSeconds)} measured ({here / stages.WallSeconds - 1:+0%;-0%;0%}).");
        var others = new[] { 8, 16 }.Select(n => string.Create(c, $"{n} workers {Min(JobGraphModel.Seconds(stages, n))}"));
        yield return $"Modelled on cores as fast as these, one job per core: {string.Join(", ", others)} (the default runs at most 8 jobs: --jobs 16 for 16).";
    }
}
