using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>
/// One claim as a reviewer reads it: the paper's words, the verdict with its record's provenance, the finding, the claim checks
/// (mean, interval, p, threshold, outcome; each leading to its figure), the sanity checks in one line, the readings it rests on, and
/// the record's own figures. Per-seed values, metrics, notes and recorded values are in the checks appendix, its own heat maps in the matrices appendix.
/// </summary>
internal static class ClaimDetailSection
{
    internal static Section Build(string id, ClaimResult? r, string number, string? invalid, ReportContext ctx, Func<string, string> sectionOf)
    {
        var info = PaperClaims.Find(id);
        if (r is null && invalid is not null)
            return new Section(ClaimAnchor(id), $"{number} {id} — {info?.Title ?? id}",
                [new Paragraph($"Invalid record: {invalid}. Its numbers are not shown; run the claim again (repro claims --only {id}).")], 2);
        if (r is null)
            return new Section(ClaimAnchor(id), $"{number} {id} — {info?.Title ?? id}", [new Paragraph("Not run: no result record was found for this claim.")], 2);

        var blocks = new List<Block>
        {
            new Paragraph($"Paper ({r.Section}): “{r.PaperWords}”", TextStyle.Quote),
            new Paragraph($"Threshold: {r.Threshold}. Verdict: {VerdictText.Of(r.Verdict)}" +
                          (r.ExploratoryVerdict is { } ev ? $" (primary analysis); exploratory re-readings: {VerdictText.Of(ev)}" : "") +
                          $". Seeds {Seeds(r.Seeds)}, wall time {Num.Seconds(r.WallSeconds)}. {Provenance([r], ctx)}"),
        };
        if (r.Verdict is Verdict.NotRe or Verdict.Inconclusive or Verdict.InvalidRun)
            blocks.Add(new Paragraph(ShortFinding(r, sectionOf), TextStyle.Finding));
        else if (!string.IsNullOrWhiteSpace(r.Finding))
            blocks.Add(new Paragraph($"Note: {r.Finding}"));
        if (id == "C4a" && r.Checks.Any(c => c.Name.EndsWith(": " + HypothesisSummary.ClassMean, StringComparison.Ordinal)))
            blocks.Add(new Paragraph(HypothesisSummary.Sentence(r, null), TextStyle.Small));

        var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim).ToList();
        if (claims.Count == 0) blocks.Add(new Paragraph(r.Checks.Count == 0 ? "No checks recorded." : "No claim checks: the record's values are recorded without a verdict."));
        else
            blocks.Add(new Table($"Claim{id}", ["Claim check", "Mean", "95% CI", "p", "Threshold", "n", "Outcome"],
                claims.Select(c => (IReadOnlyList<string>)[c.Name + (c.Analysis == RegisterEntry.Exploratory ? " [exploratory]" : ""), Num.F(c.Mean), Num.Interval(c), Num.P(c),
                    Num.Threshold(c), c.PerSeed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), VerdictText.Of(c.Outcome)]).ToList(),
                $"n: seeds. Each row leads to the figure that draws it. Each check's metric, per-seed values and notes are in appendix {sectionOf(ChecksAppendix.Anchor)}.")
            {
                RowLinks = claims.Select(c => FigureFor(r, c)).ToList(),
            });
        blocks.Add(new Paragraph(Others(r, sectionOf), TextStyle.Small));

        // The record's own figures (images beside the paper's six); its heat maps alone are in the appendix.
        var known = PaperCatalogue.Figures.Select(f => f.Key).ToHashSet();
        foreach (var key in r.Images.Select(i => i.Figure).Where(f => !known.Contains(f)).Distinct())
        {
            var grid = BuildGrid(r.Images.Where(i => i.Figure == key).ToList());
            blocks.Add(new Figure(key, key, $"{key}, recorded by {id}.", grid,
                r.Matrices.Where(m => m.Figure == key).Select(ToHeatMap).ToList()));
        }
        return new Section(ClaimAnchor(id), $"{number} {id} — {r.Title}", blocks, 2);
    }

    /// <summary>
    /// What stands in the way of [Re], short enough for the body: the primary claim checks that decide the verdict (the [¬Re] ones, else
    /// the inconclusive ones, at most <see cref="ChecksInFinding"/>) with their numbers, and how many more are open. The record's whole
    /// finding is in the checks appendix.
    /// </summary>
    internal static string ShortFinding(ClaimResult r, Func<string, string> sectionOf)
    {
        if (r.Verdict == Verdict.InvalidRun) return $"Finding: {r.Finding ?? "(no finding recorded)"}";
        var open = r.Checks.Where(c => c.Kind == CheckKind.Claim && c.Analysis == RegisterEntry.Primary && c.Outcome != CheckOutcome.Re).ToList();
        var deciding = open.Where(c => c.Outcome == (r.Verdict == Verdict.NotRe ? CheckOutcome.NotRe : CheckOutcome.Inconclusive)).ToList();
        if (deciding.Count == 0) return $"Finding: {r.Finding ?? "(no finding recorded)"}";
        string lead = r.Verdict == Verdict.NotRe ? "Not reproduced" : "Inconclusive";
        var shown = deciding.Take(ChecksInFinding).Select(c => $"{c.Name} {VerdictText.Of(c.Outcome)} ({CheckText(c)})");
        var rest = open.Except(deciding.Take(ChecksInFinding)).GroupBy(c => c.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {VerdictText.Of(g.Key)}").ToList();
        return $"Finding: {lead}: {string.Join("; ", shown)}" +
               (rest.Count > 0 ? $"; the other open claim checks: {string.Join(", ", rest)}" : "") + $". The record's whole finding is in appendix {sectionOf(ChecksAppendix.Anchor)}.";
    }

    /// <summary>How many deciding checks the body's finding names.</summary>
    public const int ChecksInFinding = 4;

    /// <summary>The sanity checks in one sentence, the recorded values and readings by count and name, and where the rest is.</summary>
    private static string Others(ClaimResult r, Func<string, string> sectionOf)
    {
        var parts = new List<string>();
        var sanity = r.Checks.Where(c => c.Kind == CheckKind.Sanity).ToList();
        if (sanity.Count > 0)
        {
            var failed = sanity.Where(c => c.Outcome != CheckOutcome.Holds).ToList();
            parts.Add(failed.Count == 0 ? $"Sanity checks: {sanity.Count}, all hold"
                : $"Sanity checks: {sanity.Count}; {string.Join("; ", failed.Select(c => $"{c.Name} {VerdictText.Of(c.Outcome)} ({Num.F(c.Mean)})"))}");
        }
        int recorded = r.Checks.Count(c => c.Kind == CheckKind.Recorded);
        if (recorded > 0 || r.Metrics.Count > 0)
            parts.Add($"{recorded} recorded values and {r.Metrics.Count} further measurements, each with every seed's value, are in appendix {sectionOf(ChecksAppendix.Anchor)}" +
                      (r.Matrices.Any(m => !r.Images.Any(i => i.Figure == m.Figure) && !PaperCatalogue.Figures.Any(f => f.Key == m.Figure)) ? $", the record's heat maps in appendix {sectionOf(MatricesAppendix.Anchor)}" : ""));
        if (r.Readings.Count > 0)
            parts.Add($"readings: {string.Join(", ", r.Readings.Keys)} (section {sectionOf(ReadingsSection.Anchor)})");
        return Capitalise(string.Join("; ", parts)) + ".";
    }
}
