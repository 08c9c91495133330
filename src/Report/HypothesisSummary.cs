using Repro.Results;

namespace Repro.Report;

/// <summary>
/// The verdict on §4.2's hypothesis, in words for the summary: does the AP carry the PNC's negative set (the PNC explains it better
/// than the class mean and the centred class mean, and the negative set's mean weighs against the class, about as much as the class's
/// own), or only the class mean? Built from C4a's checks on the simple networks and C4b's per-network families.
/// </summary>
public static class HypothesisSummary
{
    public const string ClassMean = "the PNC explains the AP better than the class mean";
    public const string CentredMean = "the PNC explains the AP better than the centred class mean";
    public const string NegativeWeight = "the negative set weighs against the class";
    public const string Equally = "the negative set weighs equally";

    public static string Sentence(ClaimResult? c4a, ClaimResult? c4b)
    {
        var simple = Keys(c4a);
        if (simple.Count == 0) return "§4.2's hypothesis against its rivals (the class mean, the centred class mean) has not been measured: no C4a record with its rival checks.";
        var parts = simple.Select(k =>
        {
            var mean = Find(c4a!, k, ClassMean);
            var weight = Find(c4a!, k, NegativeWeight);
            var equally = c4a!.Checks.Where(c => c.Name.StartsWith($"{k}: {Equally}", StringComparison.Ordinal)).ToList();
            string ratio = equally.Count > 0 ? $", b/a {Num.F(equally[0].Mean)} ({Worst(equally)})" : "";
            return $"{k}: r(AP, PNC) − r(AP, class mean) {Text(mean)}, against the centred mean {Text(Find(c4a!, k, CentredMean))}; the negative set's weight beyond the twin's {Text(weight)}{ratio}";
        });
        string lead = Lead(c4a!, simple);
        string across = "";
        if (c4b is not null)
        {
            var perNetwork = c4b.Checks.Where(c => c.Kind == CheckKind.Claim && c.Name.EndsWith(": " + ClassMean, StringComparison.Ordinal)).ToList();
            if (perNetwork.Count > 0)
                across = $" Across Table 1's networks (C4b, Holm-corrected), the PNC beats the class mean on {perNetwork.Count(c => c.Outcome == CheckOutcome.Re)} " +
                         $"and loses on {perNetwork.Count(c => c.Outcome == CheckOutcome.NotRe)} of {perNetwork.Count} networks " +
                         $"({perNetwork.Count(c => c.Outcome == CheckOutcome.Inconclusive)} inconclusive, {perNetwork.Count(c => c.Outcome == CheckOutcome.NotTested)} {VerdictText.NotTestedText}).";
        }
        return $"§4.2's hypothesis, that the APs carry the negative set and not merely the class mean, is {lead}. On the simple networks (C4a): " +
               string.Join("; ", parts) + "." + across;
    }

    /// <summary>
    /// The verdict on §4.2's hypothesis in one sentence, for page 1: the lead of <see cref="Sentence"/>, each simple network's class-mean
    /// comparison as one number, how many networks' negative set weighs against the class and how far, and C4b's count across Table 1.
    /// </summary>
    public static string Verdict(ClaimResult? c4a, ClaimResult? c4b)
    {
        var simple = Keys(c4a);
        if (simple.Count == 0) return "§4.2's hypothesis against its rivals (the class mean, the centred class mean) has not been measured: no C4a record with its rival checks.";
        var versusMean = simple.Select(k => (k, c: Find(c4a!, k, ClassMean))).Where(x => x.c is not null)
            .Select(x => $"{x.k} {Num.F(x.c!.Mean)} {VerdictText.Of(x.c.Outcome)}").ToList();
        var weights = simple.Select(k => Find(c4a!, k, NegativeWeight)).OfType<Check>().ToList();
        var ratios = simple.Select(k => c4a!.Checks.FirstOrDefault(c => c.Name.StartsWith($"{k}: {Equally}", StringComparison.Ordinal))).OfType<Check>().ToList();
        string weight = weights.Count == 0 ? ""
            : $"; the negative set weighs against the class on {weights.Count(c => c.Outcome == CheckOutcome.Re)} of {weights.Count} (b beyond the twin's " +
              $"{Num.F(weights.Min(c => c.Mean))} to {Num.F(weights.Max(c => c.Mean))})" +
              (ratios.Count == 0 ? "" : $", at b/a {Num.F(ratios.Min(c => c.Mean))} to {Num.F(ratios.Max(c => c.Mean))} of the class's own weight where §4.2's 'equally' needs −2 to −0.5");
        string across = "";
        var perNetwork = c4b?.Checks.Where(c => c.Kind == CheckKind.Claim && c.Name.EndsWith(": " + ClassMean, StringComparison.Ordinal)).ToList() ?? [];
        if (perNetwork.Count > 0)
            across = $"; across Table 1's networks (C4b, Holm) the PNC beats the class mean on {perNetwork.Count(c => c.Outcome == CheckOutcome.Re)} and loses on " +
                     $"{perNetwork.Count(c => c.Outcome == CheckOutcome.NotRe)} of {perNetwork.Count} ({perNetwork.Count(c => c.Outcome == CheckOutcome.NotTested)} {VerdictText.NotTestedText})";
        return $"§4.2's hypothesis, that the APs carry the negative set and not merely the class mean, is {Lead(c4a!, simple)}. " +
               $"r(AP, PNC) − r(AP, class mean) on the simple networks (C4a): {string.Join("; ", versusMean)}{weight}{across}.";
    }

    /// <summary>"supported: …", "not supported where it is decided: …", or "undecided: …", from C4a's two rival checks per network and feed.</summary>
    private static string Lead(ClaimResult c4a, IReadOnlyList<string> simple)
    {
        var rivals = simple.SelectMany(k => new[] { Find(c4a, k, ClassMean), Find(c4a, k, CentredMean) }).OfType<Check>().ToList();
        string Losses(string rival) => string.Join(", ", simple.Where(k => Find(c4a, k, rival)?.Outcome == CheckOutcome.NotRe));
        var lost = new[] { (ClassMean, "the class mean"), (CentredMean, "the centred class mean") }
            .Select(x => (Where: Losses(x.Item1), Rival: x.Item2)).Where(x => x.Where.Length > 0).Select(x => $"{x.Rival} on {x.Where}").ToList();
        return rivals.Count > 0 && rivals.All(c => c.Outcome == CheckOutcome.Re) ? "supported: the PNC explains the APs better than either rival"
            : lost.Count > 0 ? "not supported where it is decided: " + string.Join(", and ", lost) + " explains the APs better than the PNC does"
            : "undecided: the PNC and the class means explain the APs about equally";
    }

    public const string SmallerSpace = "smaller input space, larger perturbation";
    public const string DenserNegativeSet = "denser negative set, larger perturbation";

    /// <summary>
    /// §4.2's explanation of the vulnerability (C10), in one sentence: does a natural image need a larger move to another class where the
    /// input space is smaller, and where the negative set is denser, as the explanation predicts?
    /// </summary>
    public static string SparsitySentence(ClaimResult? c10)
    {
        var space = c10?.Checks.SingleOrDefault(c => c.Name == SmallerSpace);
        var dense = c10?.Checks.SingleOrDefault(c => c.Name == DenserNegativeSet);
        if (space is null || dense is null) return "§4.2's explanation of the vulnerability (a negative set too sparse for the input space) has not been measured: no C10 record.";
        static string Move(Check c, string what) =>
            $"{what} a natural test image needs a {Num.F(Math.Exp(c.Mean))}× move to reach another class (log ratio {Num.F(c.Mean)} {Num.Interval(c)}" +
            (c.P is null ? "" : $"{Num.PClause(c)} by Page's L") + $") {VerdictText.Of(c.Outcome)}";
        string verdict = (space.Outcome, dense.Outcome) switch
        {
            (CheckOutcome.Re, CheckOutcome.Re) => "supported in both directions",
            (CheckOutcome.NotRe, CheckOutcome.NotRe) => "contradicted in both directions",
            (CheckOutcome.Re, CheckOutcome.NotRe) => "half supported: the input space's size acts as predicted, the negative set's density the other way",
            (CheckOutcome.NotRe, CheckOutcome.Re) => "half supported: the negative set's density acts as predicted, the input space's size the other way",
            _ => "undecided in at least one direction",
        };
        return $"§4.2's explanation, that a negative set too sparse for its input space makes natural images easy to move (C10), is {verdict}: " +
               $"{Move(space, "at 7×7 instead of 28×28")}; {Move(dense, "with 10 classes instead of 2")}.";
    }

    /// <summary>The networks and feeds of C4a that carry the rival checks, in record order.</summary>
    private static List<string> Keys(ClaimResult? r) =>
        r is null ? [] : r.Checks.Where(c => c.Kind == CheckKind.Claim && c.Name.EndsWith(": " + ClassMean, StringComparison.Ordinal))
            .Select(c => c.Name[..^(ClassMean.Length + 2)]).ToList();

    private static Check? Find(ClaimResult r, string key, string what) => r.Checks.SingleOrDefault(c => c.Name == $"{key}: {what}");

    private static string Text(Check? c) => c is null ? "not measured" : $"{Num.F(c.Mean)} {Num.Interval(c)} {VerdictText.Of(c.Outcome)}";

    /// <summary>The band's outcome: [Re] when both ends are, [¬Re] when either is, inconclusive otherwise.</summary>
    private static string Worst(IReadOnlyList<Check> ends) =>
        ends.All(c => c.Outcome == CheckOutcome.Re) ? "within [−2, −0.5]: [Re]"
        : ends.Any(c => c.Outcome == CheckOutcome.NotRe) ? "outside [−2, −0.5]: [¬Re]"
        : ends.Any(c => c.Outcome == CheckOutcome.NotTested) ? VerdictText.NotTestedText : "astride [−2, −0.5]: inconclusive";
}
