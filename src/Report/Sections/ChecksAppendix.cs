using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>
/// Appendix: every check of every record with its metric, per-seed values and notes (claim checks, sanity checks, recorded values),
/// checks.csv holds the same values, one row per seed.
/// </summary>
internal static class ChecksAppendix
{
    public const string Anchor = "Checks";
    public const string Heading = "Every check, with its metric and per-seed values";

    internal static IReadOnlyList<Block> Blocks(IReadOnlyList<ClaimResult> ordered)
    {
        var blocks = new List<Block>
        {
            new Paragraph("For each record: its claim checks, sanity checks and recorded values, each with its metric, the first five seeds' values, and the " +
                          "note the claim wrote. Every seed's value is in checks.csv " +
                          "beside the PDF.", TextStyle.Small),
        };
        foreach (var r in ordered)
        {
            blocks.Add(new Paragraph($"{r.Id} — {r.Title}", TextStyle.Subheading));
            if (!string.IsNullOrWhiteSpace(r.Finding))
                blocks.Add(r.Verdict is Verdict.NotRe or Verdict.Inconclusive or Verdict.InvalidRun
                    ? new Paragraph($"Finding: {r.Finding}", TextStyle.Finding)
                    : new Paragraph($"Note: {r.Finding}", TextStyle.Small));
            if (r.Checks.Count == 0) blocks.Add(new Paragraph("No checks recorded."));
            foreach (var kind in new[] { CheckKind.Claim, CheckKind.Sanity, CheckKind.Recorded })
            {
                var checks = r.Checks.Where(c => c.Kind == kind).ToList();
                if (checks.Count == 0) continue;
                blocks.Add(kind == CheckKind.Recorded
                    ? new Table($"Recorded{r.Id}", ["Recorded value", "Metric", "Mean", "95% CI", "Paper", "Per seed", "Note"],
                        checks.Select(c => (IReadOnlyList<string>)[c.Name + (c.Comparison.Length > 0 ? $" ({Num.Threshold(c)}: {VerdictText.Of(c.Outcome)})" : ""),
                            c.Metric, Num.F(c.Mean), Num.Interval(c), c.PaperValue is { } pv ? Num.F(pv) : "—", PerSeed(c), c.Note ?? ""]).ToList())
                    : new Table($"{kind}{r.Id}", [kind == CheckKind.Claim ? "Claim check" : "Sanity check", "Metric", "Mean", "95% CI", "p", "Threshold", "Per seed", "Outcome"],
                        checks.Select(c => (IReadOnlyList<string>)[c.Name + (c.Analysis == RegisterEntry.Exploratory ? " [exploratory]" : "") + (c.Note is { } n ? $" ({n})" : ""), c.Metric, Num.F(c.Mean), Num.Interval(c), Num.P(c),
                            Num.Threshold(c), PerSeed(c), VerdictText.Of(c.Outcome)]).ToList()));
            }
            if (r.Metrics.Count > 0)
                blocks.Add(new Paragraph($"The record also holds {r.Metrics.Count} further measurements (its 'metrics', e.g. per-network diagonal means, " +
                                         $"training accuracy, iterations), each with every seed's value: results/{r.Id}.json.", TextStyle.Small));
        }
        return blocks;
    }
}
