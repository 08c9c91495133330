using Repro.Experiments.Analysis;
using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>
/// Collects a claim's checks, per seed, and decides outcomes and the verdict in one place.
/// <list type="bullet">
/// <item>A claim check is [Re] when its whole 95% interval lies on the passing side of the threshold (and its
/// p-value, where it has one, is below α); [¬Re] when the whole interval lies on the failing side; inconclusive
/// otherwise. The interval fits the statistic (<see cref="CheckStatistic"/>): Student t for unbounded means, Fisher z for
/// correlations, Clopper–Pearson for counts. One seed has no Student-t or Fisher-z interval, and a p-value (of relabelling, or
/// of a trend) says nothing about the noise at the threshold: such a check on one seed is always inconclusive.</item>
/// <item>A check in a family (<c>family:</c>, e.g. C4b's twelve networks) is decided by its Holm-adjusted p and its
/// family-wise interval, of level 1 − 0.05/m for a family of m (Bonferroni's width); the unadjusted p and 95% interval stay
/// in the record beside them.</item>
/// <item>A sanity check holds when every seed's value passes; when one fails the run is invalid, not [¬Re].</item>
/// <item>A recorded value carries no verdict; one that keeps a threshold (an earlier reading) gets its outcome
/// for the reader, but never counts.</item>
/// </list>
/// The threshold register declares every check: its kind, metric, comparison and threshold are read from the check's current line,
/// and the code supplies only what it measured (seeds, values, p, α, note). A name without a current line, or of another kind, throws.
/// </summary>
public sealed class RecordBuilder(string claimId, ThresholdRegister? register = null)
{
    private readonly ThresholdRegister _register = register ?? ThresholdRegister.Embedded;
    private readonly List<Check> _checks = [];
    private readonly Dictionary<string, CheckStatistic> _statistics = [];
    private IReadOnlyList<Check>? _decided;

    public string ClaimId { get; } = claimId;

    /// <summary>Every check in order, with the outcomes of family members decided over their whole family.</summary>
    public IReadOnlyList<Check> Checks => _decided ??= DecideFamilies();

    /// <param name="untested">Why the check is not tested at this budget (a network it uses stopped at the profile's epoch cap short of its
    /// Table 1 target); null when it is tested. An untested check keeps its values but is never [Re] or [¬Re], and leaves its family.</param>
    /// <param name="alpha">The level the p-value must be below. It stays in code: the register has no α column yet, and its reasons state
    /// each α in words ("p &lt; 0.01"); a column would have to be optional, since no line may be rewritten, and would leave two sources.</param>
    public Check Claim(string name, IReadOnlyList<int> seeds, IEnumerable<double> perSeed, PValue? p = null, double? alpha = null, string? note = null,
        CheckStatistic? statistic = null, string? family = null, string? untested = null) =>
        Add(Registered(name, CheckKind.Claim, nameof(Claim)), seeds, perSeed, p, alpha, null, note, statistic, family, untested);

    /// <summary>
    /// A precondition per seed (1 when it holds): it holds when every seed's does; when some do not and every one of those is
    /// excused by <paramref name="capped"/> (the profile's budget, not a fault), it is not tested at this budget; otherwise it fails
    /// and the run is invalid. Its register line is a sanity line of "≥ 1".
    /// </summary>
    public Check Precondition(string name, IReadOnlyList<int> seeds, IReadOnlyList<bool> holds, IReadOnlyList<bool> capped, string? note = null)
    {
        if (holds.Count != seeds.Count || capped.Count != seeds.Count) throw new ArgumentException($"{ClaimId} precondition '{name}': one value per seed.");
        var line = Registered(name, CheckKind.Sanity, nameof(Precondition));
        if (line.Comparison != "≥" || line.Threshold != 1)
            throw new InvalidOperationException($"{ClaimId} check '{name}' is a precondition (≥ 1) in code but '{line.Comparison} {line.Threshold:R}' in {ThresholdRegister.FileName}");
        bool excused = Enumerable.Range(0, seeds.Count).All(i => holds[i] || capped[i]);
        return Add(line, seeds, holds.Select(h => h ? 1.0 : 0.0), null, null, null, note, null, null,
            excused && holds.Contains(false) ? $"stopped at the epoch cap on seed{(holds.Count(h => !h) == 1 ? "" : "s")} {string.Join(", ", seeds.Where((_, i) => !holds[i]))}" : null);
    }

    public Check Sanity(string name, IReadOnlyList<int> seeds, IEnumerable<double> perSeed, string? note = null) =>
        Add(Registered(name, CheckKind.Sanity, nameof(Sanity)), seeds, perSeed, null, null, null, note, null, null, null);

    /// <summary>A value shown beside the paper's (<paramref name="paperValue"/>), with no threshold and no verdict.</summary>
    public Check Recorded(string name, IReadOnlyList<int> seeds, IEnumerable<double> perSeed, double? paperValue = null, string? note = null,
        PValue? p = null, CheckStatistic? statistic = null) =>
        Add(Registered(name, CheckKind.Recorded, nameof(Recorded)), seeds, perSeed, p, null, paperValue, note, statistic, null, null);

    /// <summary>A reading kept for the record (e.g. an earlier, stricter one): its outcome is shown, never counted.</summary>
    public Check RecordedReading(string name, IReadOnlyList<int> seeds, IEnumerable<double> perSeed, PValue? p = null, double? alpha = null, string? note = null,
        CheckStatistic? statistic = null) =>
        Add(Registered(name, CheckKind.Recorded, nameof(RecordedReading)), seeds, perSeed, p, alpha, null, note, statistic, null, null);

    /// <summary>The registered threshold of one of this claim's checks, for the claim's criterion and parameters in words.</summary>
    public double ThresholdOf(string name) =>
        (_register.CurrentOf(ClaimId, name) ?? throw new InvalidOperationException($"{ClaimId} check '{name}' has no current line in {ThresholdRegister.FileName}")).Threshold;

    /// <summary>
    /// The check's current register line, which declares its kind, metric, comparison and threshold; it must be of the kind the
    /// method called makes (a recorded value without a threshold for <see cref="Recorded"/>, with one for <see cref="RecordedReading"/>).
    /// </summary>
    private RegisterEntry Registered(string name, CheckKind kind, string method)
    {
        var line = _register.CurrentOf(ClaimId, name)
                   ?? throw new InvalidOperationException($"{ClaimId} check '{name}' has no current line in {ThresholdRegister.FileName}: register it (dated, with its reason) before running it");
        string expected = kind.ToString().ToLowerInvariant();
        if (line.Kind != expected)
            throw new InvalidOperationException($"{ClaimId} check '{name}' is made by {method} (a {expected} check) but is a {line.Kind} check in {ThresholdRegister.FileName} (line of {line.Date:yyyy-MM-dd})");
        bool reading = line.Comparison.Length > 0;
        if (kind == CheckKind.Recorded && reading != (method == nameof(RecordedReading)))
            throw new InvalidOperationException($"{ClaimId} check '{name}' is made by {method} but its line in {ThresholdRegister.FileName} (of {line.Date:yyyy-MM-dd}) has " +
                                                (reading ? $"a threshold ({line.Comparison} {line.Threshold:R}): make it with {nameof(RecordedReading)}" : $"no threshold: make it with {nameof(Recorded)}"));
        if (kind != CheckKind.Recorded && !reading)
            throw new InvalidOperationException($"{ClaimId} check '{name}' is a {expected} check but its line in {ThresholdRegister.FileName} (of {line.Date:yyyy-MM-dd}) has no comparison");
        return line;
    }

    private Check Add(RegisterEntry line, IReadOnlyList<int> seeds, IEnumerable<double> perSeed,
        PValue? p, double? alpha, double? paperValue, string? note, CheckStatistic? statistic, string? family, string? untested)
    {
        string name = line.Check, metric = line.Metric, comparison = line.Comparison;
        double threshold = line.Threshold;
        var kind = line.Kind switch { "claim" => CheckKind.Claim, "sanity" => CheckKind.Sanity, _ => CheckKind.Recorded };
        var values = perSeed.ToArray();
        // A test that could not be computed (every attack failed) has no p: the check then cannot be [Re].
        if (p is { } pv && double.IsNaN(pv.Value)) p = null;
        if (p is not null && alpha is null && comparison.Length > 0) throw new ArgumentException($"{ClaimId} check '{name}' has a p-value but no level α to judge it by.");
        if (values.Length != seeds.Count) throw new ArgumentException($"{ClaimId} check '{name}': {values.Length} values for {seeds.Count} seeds.");
        if (_checks.Any(c => c.Name == name)) throw new ArgumentException($"{ClaimId} has two checks named '{name}'.");
        if (family is not null && kind != CheckKind.Claim) throw new ArgumentException($"{ClaimId} check '{name}': only claim checks form families.");
        var stat = statistic ?? CheckStatistic.Unbounded;
        var interval = stat.IntervalOf(values);
        var outcome = kind switch
        {
            _ when untested is not null => CheckOutcome.NotTested,
            CheckKind.Sanity => values.Length > 0 && values.All(v => Passes(comparison, threshold, v)) ? CheckOutcome.Holds : CheckOutcome.Fails,
            _ when comparison.Length == 0 => CheckOutcome.Recorded,
            _ => Decide(comparison, threshold, interval, p?.Value, alpha),
        };
        var check = new Check
        {
            Name = name, Kind = kind, Metric = metric, Comparison = comparison, Threshold = threshold, Seeds = seeds.ToArray(), PerSeed = values,
            Mean = interval.Mean, CiLow = interval.Low, CiHigh = interval.High, Interval = stat.Interval,
            Trials = stat.Interval == IntervalKind.ClopperPearson ? stat.Trials : null,
            P = p?.Value, PIsBound = p?.IsBound ?? false, PNull = p?.Null, Alpha = p is null ? null : alpha, PaperValue = paperValue,
            Note = untested is null ? note : $"{VerdictText.NotTestedText}: {untested}" + (note is null ? "" : $"; {note}"),
            Family = untested is null ? family : null, Outcome = outcome, Analysis = line.Analysis,
        };
        _checks.Add(check);
        _statistics[name] = stat;
        _decided = null;
        return check;
    }

    /// <summary>
    /// Each family's members decided together: Holm's adjustment of their p-values, and intervals of level 1 − 0.05/m.
    /// A check outside any family keeps the outcome of its own 95% interval and p.
    /// </summary>
    private IReadOnlyList<Check> DecideFamilies()
    {
        var decided = _checks.ToList();
        foreach (var family in _checks.Where(c => c.Family is not null).GroupBy(c => c.Family!))
        {
            var members = family.ToList();
            int m = members.Count;
            var adjusted = HolmCorrection.Adjust(members.Select(c => c.P).ToList());
            double level = 1 - (1 - MeanInterval.Level) / m;
            for (int i = 0; i < m; i++)
            {
                var c = members[i];
                var wide = _statistics[c.Name].IntervalOf(c.PerSeed, level);
                var outcome = Decide(c.Comparison, c.Threshold, wide, adjusted[i], c.Alpha);
                decided[_checks.IndexOf(c)] = c with { FamilySize = m, PAdjusted = adjusted[i], FamilyCiLow = wide.Low, FamilyCiHigh = wide.High, Outcome = outcome };
            }
        }
        return decided;
    }

    /// <inheritdoc cref="VerdictRule.Passes"/>
    public static bool Passes(string comparison, double threshold, double value) => VerdictRule.Passes(comparison, threshold, value);

    /// <summary>The three-way rule of the class summary, for one claim check (<see cref="VerdictRule.Decide"/>).</summary>
    public static CheckOutcome Decide(string comparison, double threshold, MeanInterval interval, double? p, double? alpha) =>
        VerdictRule.Decide(comparison, threshold, interval.Mean, interval.Low, interval.High, p, alpha);

    /// <summary>Invalid run if a sanity check fails; recorded if there is no claim check; otherwise by the claim checks.</summary>
    public Verdict Verdict() => PrimaryVerdictOf(Checks);

    /// <summary>The verdict of the exploratory claim checks (with every sanity check); null when there are none.</summary>
    public Verdict? ExploratoryVerdict() => ExploratoryVerdictOf(Checks);

    /// <inheritdoc cref="VerdictRule.PrimaryVerdictOf"/>
    public static Verdict PrimaryVerdictOf(IEnumerable<Check> checks) => VerdictRule.PrimaryVerdictOf(checks);

    /// <inheritdoc cref="VerdictRule.ExploratoryVerdictOf"/>
    public static Verdict? ExploratoryVerdictOf(IEnumerable<Check> checks) => VerdictRule.ExploratoryVerdictOf(checks);

    /// <inheritdoc cref="VerdictRule.VerdictOf"/>
    public static Verdict VerdictOf(IEnumerable<Check> checks) => VerdictRule.VerdictOf(checks);

    /// <summary>What stands in the way of [Re], in one paragraph; null when nothing does.</summary>
    public string? Finding()
    {
        var v = Verdict();
        if (v == Results.Verdict.InvalidRun)
            return "Invalid run: " + string.Join("; ", Checks.Where(c => c.Outcome == CheckOutcome.Fails).Select(Describe));
        var open = Checks.Where(c => c.Kind == CheckKind.Claim && c.Analysis == RegisterEntry.Primary && c.Outcome != CheckOutcome.Re).ToList();
        if (open.Count == 0) return null;
        string lead = v switch
        {
            Results.Verdict.NotRe => "Not reproduced",
            Results.Verdict.ReWhereTested => "Reproduced where tested",
            Results.Verdict.NotTested => "Not tested at this budget",
            _ => "Inconclusive",
        };
        return $"{lead}: " + string.Join("; ", open.Select(c => $"{c.Name} {VerdictText.Of(c.Outcome)} ({Describe(c)})"));
    }

    /// <summary>"metric = mean [lo, hi], p = …, needed ≥ t" with three significant digits.</summary>
    public static string Describe(Check c)
    {
        string kind = c.Interval switch { IntervalKind.FisherZ => "Fisher z ", IntervalKind.ClopperPearson => $"Clopper–Pearson over {c.Trials} per seed, ", _ => "" };
        string ci = double.IsNaN(c.CiLow) ? $"n = {c.PerSeed.Count}, no interval" : $"95% CI ({kind}n = {c.PerSeed.Count}) [{c.CiLow:G3}, {c.CiHigh:G3}]";
        if (c.Family is not null && !double.IsNaN(c.FamilyCiLow))
            ci += $", family-wise of {c.FamilySize} [{c.FamilyCiLow:G3}, {c.FamilyCiHigh:G3}]";
        string rel = c.PIsBound ? "≤" : "=";
        string p = c.P is { } pv ? $", p {rel} {pv:G3}" + (c.PAdjusted is { } pa && c.Family is not null ? $" (Holm-adjusted {rel} {pa:G3})" : "") + (c.PNull is { } nul ? $" against {nul}" : "") : "";
        string needed = c.Comparison.Length > 0 ? $", needed {c.Comparison} {c.Threshold:G3}{(c.Alpha is { } a ? $" at p < {a:G2}" : "")}" : "";
        return $"{c.Metric} = {c.Mean:G3} ({ci}{p}){needed}";
    }
}
