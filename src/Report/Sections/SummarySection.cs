using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>The counts of verdicts and how a verdict is reached, above the claims table (the findings in words come first).</summary>
internal static class SummarySection
{
    internal static IReadOnlyList<Block> SummaryBlocks(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId, IReadOnlyList<ClaimResult> ordered, ReportContext ctx)
    {
        int Count(Verdict v) => ids.Count(id => byId.TryGetValue(id, out var r) && r.Verdict == v);
        int notRun = ids.Count(id => !byId.ContainsKey(id) || byId[id].Verdict == Verdict.NotRun);
        var profiles = ordered.Select(r => r.Profile).Distinct().ToList();
        string profileText = profiles.Count switch
        {
            0 => "no result records were found",
            1 => $"the records come from the '{profiles[0]}' profile",
            _ => "the records come from the profiles " + string.Join(", ", profiles.Select(p => $"'{p}'")),
        };
        var wall = ordered.Sum(r => r.WallSeconds);
        var summary =
            $"This report checks {ids.Count} claims of the paper 'Neural Networks Playing Dough: Investigating Deep Cognition With a " +
            $"Gradient-Based Adversarial Attack' (ICLR 2022 submission) against result records: {Count(Verdict.Re)} [Re] (reproduced), " +
            (Count(Verdict.ReWhereTested) + Count(Verdict.NotTested) > 0
                ? $"{Count(Verdict.ReWhereTested)} [Re] where tested (the rest not tested at this budget), {Count(Verdict.NotTested)} {VerdictText.NotTestedText}, "
                : "") +
            $"{Count(Verdict.NotRe)} [¬Re] (not reproduced), {Count(Verdict.Inconclusive)} inconclusive, {Count(Verdict.InvalidRun)} invalid runs, " +
            $"{Count(Verdict.Recorded)} recorded without a verdict, {notRun} not run. {Capitalise(profileText)}" +
            (ordered.Count > 0 ? $"; together they ran for {Num.Seconds(wall)}" : "") +
            $". Generated {Date(ctx.Date)} from commit {ctx.Commit}.";
        return
        [
            new Paragraph(summary),
            new Paragraph("Every claim check is measured per seed; the report shows its mean and a 95% interval that fits the statistic: the " +
                          "Student-t interval of the mean over seeds for means (intersected with the statistic's range, e.g. [0, 1] for an accuracy), " +
                          "a Fisher-z interval over seeds for correlations, and the exact binomial (Clopper–Pearson) interval of the trials pooled over " +
                          "seeds for counts. A check is [Re] when the whole interval lies on the passing side of its threshold (and, for an " +
                          "identification or trend check, its p-value is below the stated level), [¬Re] when the whole interval lies on the failing " +
                          "side, and inconclusive otherwise; one seed has no Student-t or Fisher-z interval, so such a check on one seed is always " +
                          "inconclusive. A p-value names its null; a Monte-Carlo p with no resample as extreme is its floor 1/(N + 1), shown as " +
                          "\"p ≤\". Families (C3's twelve networks, C4b's networks, C9's pairs) are corrected: each member is decided by its " +
                          "Holm-adjusted p and its family-wise interval (level 1 − 0.05/m for a family of m, Bonferroni's width); the unadjusted " +
                          "values stay beside them. A claim is [Re] when all its claim checks are (intersection–union), [¬Re] when any is after " +
                          "the family correction, inconclusive otherwise. Sanity checks are facts the run depends on: if one fails the run is " +
                          "invalid, never [¬Re]. Recorded values are shown beside the paper's, with no verdict. Every threshold is in the " +
                          "dated threshold register (appendix), set before measuring or changed with a dated reason. Image panels are drawn as " +
                          "pyplot.imshow draws them by default: each panel min–max normalised on its own, viridis colour map, nearest " +
                          "neighbour. A blank white box marks a failed attack (the paper's 'blank images').", TextStyle.Small),
        ];
    }
}
