using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>
/// Page 1: the findings in words, generated from the records. One sentence per claim with its verdict and deciding number, the
/// verdict on §4.2's hypothesis, the profile's caveats, and what differs from the paper and where; the counts come after.
/// </summary>
internal static class FindingsSection
{
    public const string Anchor = "Findings";
    public const string Heading = "Findings";

    internal static IReadOnlyList<Block> Blocks(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId, IReadOnlyList<ClaimResult> ordered,
        IReadOnlyDictionary<string, string> invalid, ReportContext ctx, Func<string, string> sectionOf)
    {
        var blocks = new List<Block>();
        if (MixedProvenance(ordered) is { } warning) blocks.Add(new Paragraph(warning, TextStyle.Finding));
        blocks.Add(new Paragraph(HypothesisSummary.Verdict(byId.GetValueOrDefault("C4a"), byId.GetValueOrDefault("C4b"))));
        blocks.Add(new Paragraph(HypothesisSummary.SparsitySentence(byId.GetValueOrDefault("C10"))));

        var rows = ids.Select(id => (IReadOnlyList<string>)[id, Verdict(byId.GetValueOrDefault(id), invalid.ContainsKey(id)), Sentence(id, byId.GetValueOrDefault(id), invalid.ContainsKey(id))]).ToList();
        blocks.Add(new Table("Findings", ["Claim", "Verdict", "What the records say"], rows,
            "Each row leads to its claim's section. The number is the claim's deciding check: its first primary claim check with the claim's " +
            "outcome (mean, 95% interval, p where it has one, the registered threshold).")
        {
            RowLinks = ids.Select(id => (string?)ClaimAnchor(id)).ToList(),
        });

        if (Caveats(ordered, byId) is { } caveats) blocks.Add(new Paragraph(caveats));
        blocks.Add(new Paragraph(Differences(ordered, ctx, sectionOf)));
        return blocks;
    }

    /// <summary>"[Re]", "[¬Re]; exploratory [Re]", … as the findings table shows the verdict.</summary>
    private static string Verdict(ClaimResult? r, bool refused) =>
        refused && r is null ? InvalidRecord
        : r is null ? VerdictText.Of(Results.Verdict.NotRun)
        : VerdictText.Of(r.Verdict) + (r.ExploratoryVerdict is { } ev ? $"; exploratory {VerdictText.Of(ev)}" : "");

    /// <summary>One sentence on a claim: its title, how its primary claim checks came out, and the deciding check's numbers.</summary>
    public static string Sentence(string id, ClaimResult? r, bool refused = false)
    {
        if (r is null)
            return refused ? $"{PaperClaims.Find(id)?.Title ?? id}: its record failed validation, so nothing is shown; rerun 'repro claims --only {id}'."
                : $"{PaperClaims.Find(id)?.Title ?? id}: not run (no record).";
        var primary = r.Checks.Where(c => c.Kind == CheckKind.Claim && c.Analysis == RegisterEntry.Primary).ToList();
        if (primary.Count == 0)
        {
            var recorded = r.Checks.FirstOrDefault(c => c.Kind == CheckKind.Recorded);
            return recorded is null ? $"{r.Title}: no checks recorded."
                : $"{r.Title}: recorded, with no verdict; {recorded.Name} {Num.F(recorded.Mean)}{(recorded.PerSeed.Count > 1 ? " " + Num.Interval(recorded) : "")}" +
                  (recorded.PaperValue is { } pv ? $" beside the paper's {Num.F(pv)}" : "") + ".";
        }
        var deciding = Deciding(r, primary);
        var counts = primary.GroupBy(c => c.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {VerdictText.Of(g.Key)}");
        return $"{r.Title}. Of {primary.Count} primary claim check{(primary.Count == 1 ? "" : "s")}: {string.Join(", ", counts)}; " +
               $"{(deciding.Outcome == CheckOutcome.Re ? "e.g." : "deciding:")} {deciding.Name}: {CheckText(deciding)}.";
    }

    /// <summary>The claim's first primary claim check whose outcome is the claim's own (a [¬Re] for a [¬Re] claim, …), else the first.</summary>
    private static Check Deciding(ClaimResult r, IReadOnlyList<Check> primary)
    {
        CheckOutcome? wanted = r.Verdict switch
        {
            Results.Verdict.NotRe => CheckOutcome.NotRe,
            Results.Verdict.Inconclusive => CheckOutcome.Inconclusive,
            Results.Verdict.NotTested => CheckOutcome.NotTested,
            Results.Verdict.Re or Results.Verdict.ReWhereTested => CheckOutcome.Re,
            _ => null,
        };
        return primary.FirstOrDefault(c => c.Outcome == wanted) ?? primary[0];
    }

    /// <summary>A warning for page 1 when the records were written by more than one commit or profile; null when they agree.</summary>
    public static string? MixedProvenance(IReadOnlyList<ClaimResult> ordered)
    {
        var commits = ordered.GroupBy(r => r.Environment.Commit).ToList();
        var profiles = ordered.Select(r => r.Profile).Distinct().ToList();
        if (commits.Count <= 1 && profiles.Count <= 1) return null;
        var parts = new List<string>();
        if (commits.Count > 1)
            parts.Add($"{commits.Count} commits ({string.Join("; ", commits.Select(g => $"{Short(g.Key)}: {string.Join(", ", g.Select(r => r.Id))}"))})");
        if (profiles.Count > 1)
            parts.Add($"{profiles.Count} profiles ({string.Join("; ", profiles.Select(p => $"'{p}': {string.Join(", ", ordered.Where(r => r.Profile == p).Select(r => r.Id))}"))})");
        return $"Warning: these records were written by {string.Join(" and ", parts)}. Each claim's section and each figure names its own " +
               "record's commit, profile, device and date; 'repro reproduce' reruns whatever is not current.";
    }

    /// <summary>What the profile reduces, and which checks its caps leave 'not tested at this budget'; null without records.</summary>
    private static string? Caveats(IReadOnlyList<ClaimResult> ordered, Dictionary<string, ClaimResult> byId)
    {
        if (ordered.Count == 0) return null;
        var shortened = ordered.SelectMany(Reductions).Distinct().Select(FirstClause).Select(Uncapitalise).ToList();
        var untested = ordered.Select(r => (r.Id, N: r.Checks.Count(c => c.Kind == CheckKind.Claim && c.Outcome == CheckOutcome.NotTested)))
            .Where(x => x.N > 0).ToList();
        var profiles = string.Join(", ", ordered.Select(r => $"'{r.Profile}'").Distinct());
        string text = shortened.Count == 0
            ? $"The {profiles} profile lists no reductions of the paper's setup."
            : $"The {profiles} profile reduces the paper's setup: {string.Join("; ", shortened)} (each in full in the Readings section).";
        if (untested.Count > 0)
        {
            var capped = byId.TryGetValue("C3", out var c3)
                ? c3.Checks.Where(c => c.Kind == CheckKind.Claim && c.Outcome == CheckOutcome.NotTested).Select(c => NetworkOf(c.Name)).ToList()
                : [];
            text += $" Its epoch caps stop {(capped.Count > 0 ? $"{capped.Count} of Table 1's networks ({string.Join(", ", capped)})" : "some networks")} " +
                    $"short of the table's accuracy, so {untested.Sum(x => x.N)} claim checks that use them are {VerdictText.NotTestedText} " +
                    $"({string.Join(", ", untested.Select(x => $"{x.Id} {x.N}"))}): neither [Re] nor [¬Re].";
        }
        return text;
    }

    /// <summary>"MNIST FC-Adam reaches 0.98" → "MNIST FC-Adam".</summary>
    private static string NetworkOf(string checkName)
    {
        int at = checkName.LastIndexOf(" reaches ", StringComparison.Ordinal);
        return at > 0 ? checkName[..at] : checkName;
    }

    /// <summary>A reduction's first clause: up to its first ':', ';' or '. ' outside parentheses.</summary>
    internal static string FirstClause(string s)
    {
        int depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '(') depth++;
            else if (c == ')') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && (c is ':' or ';' || c == '.' && i + 1 < s.Length && s[i + 1] == ' ')) return s[..i].TrimEnd();
        }
        return s.TrimEnd('.');
    }

    /// <summary>"Four seeds" → "four seeds" inside a sentence; "CNN widths" stays.</summary>
    private static string Uncapitalise(string s) => s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    /// <summary>What differs from the paper, and where the details are.</summary>
    private static string Differences(IReadOnlyList<ClaimResult> ordered, ReportContext ctx, Func<string, string> sectionOf)
    {
        int readings = ordered.SelectMany(r => r.Readings.Keys).Distinct().Count();
        return $"Where the paper leaves a detail open, we chose a reading: {readings} of them, each with the claims it touches, are in section " +
               $"{sectionOf(ReadingsSection.Anchor)}. {SensitivitySection.SummarySentence(ctx.Sensitivity)} The sensitivity matrix is in section " +
               $"{sectionOf(SensitivitySection.Anchor)}; every check's per-seed values in appendix {sectionOf(ChecksAppendix.Anchor)}, every parameter of every " +
               $"record in appendix {sectionOf(ParametersAppendix.Anchor)}, and the threshold register in appendix {sectionOf(RegisterSection.Anchor)}. " +
               "C8, C9 and C10 test what the paper only proposes or asserts without a figure.";
    }
}
