using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>What each stage cost (§2.7): the records' timings beside the paper's, wall times, and the last run's stage table.</summary>
internal static class CostSection
{
    internal const int StagesInReport = 15;

    internal static IReadOnlyList<Block> CostBlocks(IReadOnlyList<ClaimResult> ordered, StageTable? stages)
    {
        var blocks = new List<Block>
        {
            new Paragraph("The paper ran every computation on an NVIDIA GeForce GTX 1070: an AAI of 30 ADEs with 1,000 iterations took " +
                          "5 minutes on average, an AP by zero or noise feed 5 seconds (§2.7). Our stage timings, from each record:"),
        };
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in ordered)
            foreach (var (key, m) in r.Timings)
            {
                var stage = PaperCatalogue.StageNames.TryGetValue(key, out var s) ? s : key;
                bool hasPaper = PaperCatalogue.PaperCosts.TryGetValue(key, out var paper);
                rows.Add([stage, key, r.Id, Num.Seconds(m), m.Values.Count.ToString(CultureInfo.InvariantCulture),
                    hasPaper ? paper.Words : "—", hasPaper ? "× " + Num.F(m.Mean / paper.Seconds) : "—"]);
            }
        if (rows.Count == 0) blocks.Add(new Paragraph("No record holds stage timings."));
        else blocks.Add(new Table("Cost", ["Stage", "Key", "Claim", "Ours (mean ± sd)", "n", "Paper", "Ours / paper"], rows));

        var devices = ordered.Select(r => r.Environment.Device).Distinct().ToList();
        if (devices.Count > 0)
            blocks.Add(new Paragraph($"Our timings were measured on: {string.Join("; ", devices)} (see Environment). Wall time of each claim run:", TextStyle.Small));
        if (ordered.Count > 0)
            blocks.Add(new Table("WallTime", ["Claim", "Profile", "Seeds", "Wall time"],
                ordered.Select(r => (IReadOnlyList<string>)[r.Id, r.Profile, Seeds(r.Seeds), Num.Seconds(r.WallSeconds)]).ToList()));
        if (stages is not null) blocks.AddRange(StageBlocks(stages));
        return blocks;
    }

    /// <summary>The stage table of the last run that did work: its summary, then its longest stages.</summary>
    internal static IEnumerable<Block> StageBlocks(StageTable t)
    {
        var c = CultureInfo.InvariantCulture;
        yield return new Paragraph($"Stages of the last run that did work ({t.Command}, {t.Date.ToString("yyyy-MM-dd HH:mm 'UTC'", c)}, {t.Cpu}). FLOPs are " +
                                   "counted from the layer shapes: 2 per multiply-accumulate; an attack iteration is 2 forward passes (weights frozen), " +
                                   "a training sample 3, an evaluated image 1. Each stage's rate is set against the matmul rate at its thread count.");
        foreach (var line in t.SummaryLines()) yield return new Paragraph(line, TextStyle.Small);
        var rows = t.Stages.OrderByDescending(s => s.WallSeconds).Take(StagesInReport).Select(s => (IReadOnlyList<string>)
        [
            s.Name, s.Kind.ToString(), s.Claim ?? "", s.Threads.ToString(c), Num.Seconds(s.WallSeconds),
            double.IsNaN(s.ThreadSeconds) ? "n/a" : Num.Seconds(s.ThreadSeconds),
            s.Flops > 0 ? (s.Flops / 1e9).ToString("0.00", c) : "—",
            s.Flops > 0 ? t.ShareOfMatmul(s).ToString("0.0%", c) : "—",
        ]).ToList();
        yield return new Table("Stages", ["Stage", "Kind", "Claim", "Threads", "Wall", "Thread CPU", "GFLOP", "Of matmul"], rows,
            $"The {rows.Count} longest of {t.Stages.Count} stages by wall time; every stage is in bench/stages.csv.");
    }
}
