using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>One claim in detail: the paper's words, the verdict, the finding, every check and the record's own figures.</summary>
internal static class ClaimDetailSection
{
    internal static Section ClaimSection(string id, ClaimResult? r, IReadOnlyList<ClaimResult> ordered, string number, string? invalid, ReportContext ctx)
    {
        var info = PaperCatalogue.Claim(id);
        if (r is null && invalid is not null)
            return new Section(ClaimAnchor(id), $"{number} {id} — {info?.Name ?? id}",
                [new Paragraph($"Invalid record: {invalid}. Its numbers are not shown; run the claim again (repro claims --only {id}).")], 2);
        if (r is null)
            return new Section(ClaimAnchor(id), $"{number} {id} — {info?.Name ?? id}", [new Paragraph("Not run: no result record was found for this claim.")], 2);

        var blocks = new List<Block>
        {
            new Paragraph($"Paper ({r.Section}): “{r.PaperWords}”", TextStyle.Quote),
            new Paragraph($"Threshold: {r.Threshold}. Verdict: {VerdictText.Of(r.Verdict)}" +
                          (r.ExploratoryVerdict is { } ev ? $" (primary analysis); exploratory re-readings: {VerdictText.Of(ev)}" : "") + $". Profile '{r.Profile}', seeds {Seeds(r.Seeds)}, wall time {Num.Seconds(r.WallSeconds)}."),
        };
        if (r.Verdict is Verdict.NotRe or Verdict.Inconclusive or Verdict.InvalidRun)
            blocks.Add(new Paragraph($"Finding: {r.Finding ?? "(no finding recorded)"}", TextStyle.Finding));
        else if (!string.IsNullOrWhiteSpace(r.Finding))
            blocks.Add(new Paragraph($"Note: {r.Finding}"));

        if (r.Checks.Count == 0) blocks.Add(new Paragraph("No checks recorded."));
        foreach (var (kind, title) in new[] { (CheckKind.Claim, "Claim checks"), (CheckKind.Sanity, "Sanity checks"), (CheckKind.Recorded, "Recorded values") })
        {
            var checks = r.Checks.Where(c => c.Kind == kind).ToList();
            if (checks.Count == 0) continue;
            blocks.Add(new Paragraph(title, TextStyle.Subheading));
            blocks.Add(kind == CheckKind.Recorded
                ? new Table($"{kind}{id}", ["Value", "Metric", "Mean", "95% CI", "Paper", "Per seed", "Note"],
                    checks.Select(c => (IReadOnlyList<string>)[c.Name + (c.Comparison.Length > 0 ? $" ({Num.Threshold(c)}: {VerdictText.Of(c.Outcome)})" : ""),
                        c.Metric, Num.F(c.Mean), Num.Interval(c), c.PaperValue is { } pv ? Num.F(pv) : "—", PerSeed(c), c.Note ?? ""]).ToList())
                : new Table($"{kind}{id}", ["Check", "Metric", "Mean", "95% CI", "p", "Threshold", "Per seed", "Outcome"],
                    checks.Select(c => (IReadOnlyList<string>)[c.Name + (c.Analysis == RegisterEntry.Exploratory ? " [exploratory]" : "") + (c.Note is { } n ? $" ({n})" : ""), c.Metric, Num.F(c.Mean), Num.Interval(c), Num.P(c),
                        Num.Threshold(c), PerSeed(c), VerdictText.Of(c.Outcome)]).ToList(),
                    kind == CheckKind.Claim ? Provenance([id], ctx) : null));
        }

        if (r.Metrics.Count > 0)
            blocks.Add(new Paragraph($"The record also holds {r.Metrics.Count} further measurements (its 'metrics', e.g. per-network diagonal means, " +
                                     $"training accuracy, iterations), each with every seed's value: results/{id}.json.", TextStyle.Small));

        // Figures and matrices of this record that belong to none of the paper's six figures.
        var known = PaperCatalogue.Figures.Select(f => f.Key).ToHashSet();
        foreach (var key in r.Images.Select(i => i.Figure).Where(f => !known.Contains(f)).Distinct())
        {
            var grid = BuildGrid(r.Images.Where(i => i.Figure == key).ToList());
            blocks.Add(new Figure(key, key, $"{key}, recorded by {id}.", grid,
                r.Matrices.Where(m => m.Figure == key).Select(ToHeatMap).ToList()));
        }
        var withImages = r.Images.Select(i => i.Figure).ToHashSet();
        foreach (var m in r.Matrices.Where(m => !known.Contains(m.Figure) && !withImages.Contains(m.Figure)))
            blocks.Add(ToHeatMap(m));

        return new Section(ClaimAnchor(id), $"{number} {id} — {r.Title}", blocks, 2);
    }
}
