using Repro.Experiments.Analysis;
using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>
/// Collects a claim's checks, per seed, and decides outcomes and the verdict in one place.
/// <list type="bullet">
/// <item>A claim check is [Re] when its whole 95% interval lies on the passing side of the threshold (and its
/// p-value, where it has one, is below α); [¬Re] when the whole interval lies on the failing side; inconclusive
/// otherwise. One seed has no interval, and a p-value (of relabelling, or of a trend) says nothing about the noise at
/// the threshold: a check on one seed is always inconclusive, so a single seed is never [Re] or [¬Re] on a margin
/// smaller than its measurement noise.</item>
/// <item>A sanity check holds when every seed's value passes; when one fails the run is invalid, not [¬Re].</item>
/// <item>A recorded value carries no verdict; one that keeps a threshold (an earlier reading) gets its outcome
/// for the reader, but never counts.</item>
/// </list>
/// Every check must agree with the threshold register's current line, or building it throws.
/// </summary>
public sealed class RecordBuilder(string claimId, ThresholdRegister? register = null)
{
    private readonly ThresholdRegister _register = register ?? ThresholdRegister.Embedded;
    private readonly List<Check> _checks = [];

    public string ClaimId { get; } = claimId;
    public IReadOnlyList<Check> Checks => _checks;

    public Check Claim(string name, string metric, string comparison, double threshold, IReadOnlyList<int> seeds, IEnumerable<double> perSeed,
        double? p = null, double? alpha = null, string? note = null) =>
        Add(CheckKind.Claim, name, metric, comparison, threshold, seeds, perSeed, p, alpha, null, note);

    public Check Sanity(string name, string metric, string comparison, double threshold, IReadOnlyList<int> seeds, IEnumerable<double> perSeed, string? note = null) =>
        Add(CheckKind.Sanity, name, metric, comparison, threshold, seeds, perSeed, null, null, null, note);

    /// <summary>A value shown beside the paper's (<paramref name="paperValue"/>), with no threshold and no verdict.</summary>
    public Check Recorded(string name, string metric, IReadOnlyList<int> seeds, IEnumerable<double> perSeed, double? paperValue = null, string? note = null, double? p = null) =>
        Add(CheckKind.Recorded, name, metric, "", double.NaN, seeds, perSeed, p, null, paperValue, note);

    /// <summary>A reading kept for the record (e.g. an earlier, stricter one): its outcome is shown, never counted.</summary>
    public Check RecordedReading(string name, string metric, string comparison, double threshold, IReadOnlyList<int> seeds, IEnumerable<double> perSeed,
        double? p = null, double? alpha = null, string? note = null) =>
        Add(CheckKind.Recorded, name, metric, comparison, threshold, seeds, perSeed, p, alpha, null, note);

    private Check Add(CheckKind kind, string name, string metric, string comparison, double threshold, IReadOnlyList<int> seeds, IEnumerable<double> perSeed,
        double? p, double? alpha, double? paperValue, string? note)
    {
        var values = perSeed.ToArray();
        // A test that could not be computed (every attack failed) has no p: the check then cannot be [Re].
        if (p is { } pv && double.IsNaN(pv)) p = null;
        if (p is not null && alpha is null && comparison.Length > 0) throw new ArgumentException($"{ClaimId} check '{name}' has a p-value but no level α to judge it by.");
        if (values.Length != seeds.Count) throw new ArgumentException($"{ClaimId} check '{name}': {values.Length} values for {seeds.Count} seeds.");
        if (_checks.Any(c => c.Name == name)) throw new ArgumentException($"{ClaimId} has two checks named '{name}'.");
        var interval = MeanInterval.Of(values);
        var outcome = kind switch
        {
            CheckKind.Sanity => values.Length > 0 && values.All(v => Passes(comparison, threshold, v)) ? CheckOutcome.Holds : CheckOutcome.Fails,
            _ when comparison.Length == 0 => CheckOutcome.Recorded,
            _ => Decide(comparison, threshold, interval, p, alpha),
        };
        var check = new Check
        {
            Name = name, Kind = kind, Metric = metric, Comparison = comparison, Threshold = threshold, Seeds = seeds.ToArray(), PerSeed = values,
            Mean = interval.Mean, CiLow = interval.Low, CiHigh = interval.High, P = p, Alpha = p is null ? null : alpha, PaperValue = paperValue, Note = note,
            Outcome = outcome,
        };
        if (_register.Disagreement(ClaimId, check) is { } why) throw new InvalidOperationException(why);
        _checks.Add(check);
        return check;
    }

    /// <summary>True when <paramref name="value"/> is on the passing side of "comparison threshold".</summary>
    public static bool Passes(string comparison, double threshold, double value) => comparison switch
    {
        "≥" => value >= threshold,
        ">" => value > threshold,
        "≤" => value <= threshold,
        "<" => value < threshold,
        _ => throw new ArgumentException($"Unknown comparison '{comparison}': use ≥, >, ≤ or <."),
    };

    /// <summary>The three-way rule of the class summary, for one claim check.</summary>
    public static CheckOutcome Decide(string comparison, double threshold, MeanInterval interval, double? p, double? alpha)
    {
        if (double.IsNaN(interval.Mean) || !interval.HasInterval) return CheckOutcome.Inconclusive;
        bool upward = comparison is "≥" or ">";
        // The bound nearest the threshold must pass for [Re]; the farthest must fail for [¬Re].
        double near = upward ? interval.Low : interval.High;
        double far = upward ? interval.High : interval.Low;
        if (!Passes(comparison, threshold, far)) return CheckOutcome.NotRe;
        bool significant = p is null || (alpha is { } a && p < a);
        return significant && Passes(comparison, threshold, near) ? CheckOutcome.Re : CheckOutcome.Inconclusive;
    }

    /// <summary>Invalid run if a sanity check fails; recorded if there is no claim check; otherwise by the claim checks.</summary>
    public Verdict Verdict() => VerdictOf(_checks);

    /// <summary>The three-way rule over any set of checks (a claim's, or a subset of them, as the sensitivity study restricts).</summary>
    public static Verdict VerdictOf(IEnumerable<Check> checks)
    {
        var all = checks.ToList();
        if (all.Any(c => c.Outcome == CheckOutcome.Fails)) return Results.Verdict.InvalidRun;
        var claims = all.Where(c => c.Kind == CheckKind.Claim).ToList();
        if (claims.Count == 0) return Results.Verdict.Recorded;
        if (claims.All(c => c.Outcome == CheckOutcome.Re)) return Results.Verdict.Re;
        return claims.Any(c => c.Outcome == CheckOutcome.NotRe) ? Results.Verdict.NotRe : Results.Verdict.Inconclusive;
    }

    /// <summary>What stands in the way of [Re], in one paragraph; null when nothing does.</summary>
    public string? Finding()
    {
        var v = Verdict();
        if (v == Results.Verdict.InvalidRun)
            return "Invalid run: " + string.Join("; ", _checks.Where(c => c.Outcome == CheckOutcome.Fails).Select(Describe));
        var open = _checks.Where(c => c.Kind == CheckKind.Claim && c.Outcome != CheckOutcome.Re).ToList();
        if (open.Count == 0) return null;
        string lead = v == Results.Verdict.NotRe ? "Not reproduced" : "Inconclusive";
        return $"{lead}: " + string.Join("; ", open.Select(c => $"{c.Name} {VerdictText.Of(c.Outcome)} ({Describe(c)})"));
    }

    /// <summary>"metric = mean [lo, hi], p = …, needed ≥ t" with three significant digits.</summary>
    public static string Describe(Check c)
    {
        string ci = double.IsNaN(c.CiLow) ? $"n = {c.PerSeed.Count}, no interval" : $"95% CI [{c.CiLow:G3}, {c.CiHigh:G3}], n = {c.PerSeed.Count}";
        string p = c.P is { } pv ? $", p = {pv:G3}" : "";
        string needed = c.Comparison.Length > 0 ? $", needed {c.Comparison} {c.Threshold:G3}{(c.Alpha is { } a ? $" at p < {a:G2}" : "")}" : "";
        return $"{c.Metric} = {c.Mean:G3} ({ci}{p}){needed}";
    }
}
