namespace Repro.Results;

/// <summary>
/// How a check's outcome follows from its numbers, and a claim's verdict from its checks: the one rule the claims write by and
/// every reader of a record checks it by (a record whose outcomes or verdict do not follow is refused, not believed).
/// <list type="bullet">
/// <item>A claim check is [Re] when its whole interval lies on the passing side of the threshold (and its p-value, where it has one,
/// is below α); [¬Re] when the whole interval lies on the failing side; inconclusive otherwise, and always without an interval.
/// A family member is judged on its family-wise interval and Holm-adjusted p.</item>
/// <item>A sanity check holds when every seed's value passes.</item>
/// <item>A claim is an invalid run if a sanity check fails, recorded without claim checks, not tested at this budget when none was
/// tested, [Re] (or [Re] where tested) when every tested one is, [¬Re] when any is, inconclusive otherwise.</item>
/// </list>
/// </summary>
public static class VerdictRule
{
    /// <summary>True when <paramref name="value"/> is on the passing side of "comparison threshold".</summary>
    public static bool Passes(string comparison, double threshold, double value) => comparison switch
    {
        "≥" => value >= threshold,
        ">" => value > threshold,
        "≤" => value <= threshold,
        "<" => value < threshold,
        _ => throw new ArgumentException($"Unknown comparison '{comparison}': use ≥, >, ≤ or <."),
    };

    /// <summary>The three-way rule for one claim check, on its mean, its interval [low, high] (NaN: none), its p and level α.</summary>
    public static CheckOutcome Decide(string comparison, double threshold, double mean, double low, double high, double? p, double? alpha)
    {
        if (double.IsNaN(mean) || double.IsNaN(low) || double.IsNaN(high)) return CheckOutcome.Inconclusive;
        bool upward = comparison is "≥" or ">";
        // The bound nearest the threshold must pass for [Re]; the farthest must fail for [¬Re].
        double near = upward ? low : high;
        double far = upward ? high : low;
        if (!Passes(comparison, threshold, far)) return CheckOutcome.NotRe;
        bool significant = p is null || (alpha is { } a && p < a);
        return significant && Passes(comparison, threshold, near) ? CheckOutcome.Re : CheckOutcome.Inconclusive;
    }

    /// <summary>
    /// The outcome a check's own numbers give: what the claim that wrote it must have written. A check not tested at this budget keeps
    /// that outcome (its reason is the budget, not its numbers); null for a check whose comparison is unknown.
    /// </summary>
    public static CheckOutcome? Expected(Check c)
    {
        if (c.Outcome == CheckOutcome.NotTested && c.Kind != CheckKind.Recorded) return CheckOutcome.NotTested;
        if (c.Comparison.Length == 0) return c.Kind == CheckKind.Recorded ? CheckOutcome.Recorded : null;
        if (c.Comparison is not ("≥" or ">" or "≤" or "<")) return null;
        if (c.Kind == CheckKind.Sanity)
            return c.PerSeed.Count > 0 && c.PerSeed.All(v => Passes(c.Comparison, c.Threshold, v)) ? CheckOutcome.Holds : CheckOutcome.Fails;
        bool family = c.Kind == CheckKind.Claim && c.Family is not null;
        return family
            ? Decide(c.Comparison, c.Threshold, c.Mean, c.FamilyCiLow, c.FamilyCiHigh, c.PAdjusted, c.Alpha)
            : Decide(c.Comparison, c.Threshold, c.Mean, c.CiLow, c.CiHigh, c.P, c.Alpha);
    }

    /// <summary>The rule over the primary claim checks and every sanity check: a claim's verdict.</summary>
    public static Verdict PrimaryVerdictOf(IEnumerable<Check> checks) =>
        VerdictOf(checks.Where(c => c.Kind != CheckKind.Claim || c.Analysis == RegisterEntry.Primary));

    /// <summary>The rule over the exploratory claim checks and every sanity check; null without exploratory claim checks.</summary>
    public static Verdict? ExploratoryVerdictOf(IEnumerable<Check> checks)
    {
        var all = checks.ToList();
        return all.Any(c => c.Kind == CheckKind.Claim && c.Analysis == RegisterEntry.Exploratory)
            ? VerdictOf(all.Where(c => c.Kind != CheckKind.Claim || c.Analysis == RegisterEntry.Exploratory))
            : null;
    }

    /// <summary>
    /// The three-way rule over any set of checks (a claim's, or a subset of them, as the sensitivity study restricts), over the claim
    /// checks that were tested: "[Re] where tested" when those are all [Re] and some others were not tested at this budget, and "not
    /// tested at this budget" when none was tested.
    /// </summary>
    public static Verdict VerdictOf(IEnumerable<Check> checks)
    {
        var all = checks.ToList();
        if (all.Any(c => c.Outcome == CheckOutcome.Fails)) return Verdict.InvalidRun;
        var claims = all.Where(c => c.Kind == CheckKind.Claim).ToList();
        if (claims.Count == 0) return Verdict.Recorded;
        var tested = claims.Where(c => c.Outcome != CheckOutcome.NotTested).ToList();
        if (tested.Count == 0) return Verdict.NotTested;
        if (tested.All(c => c.Outcome == CheckOutcome.Re)) return tested.Count == claims.Count ? Verdict.Re : Verdict.ReWhereTested;
        return tested.Any(c => c.Outcome == CheckOutcome.NotRe) ? Verdict.NotRe : Verdict.Inconclusive;
    }
}
