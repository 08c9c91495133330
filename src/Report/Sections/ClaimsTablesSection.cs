using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>The claims table and the claim-check table: one row per claim, one row per claim check, each leading to its claim's section.</summary>
internal static class ClaimsTablesSection
{
    internal static Table ClaimsTable(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId, IReadOnlyDictionary<string, string> invalid, ReportContext ctx)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var id in ids)
        {
            if (!byId.ContainsKey(id) && invalid.ContainsKey(id))
            {
                rows.Add([id, PaperCatalogue.Claim(id)?.Name ?? "", "—", "the record file failed validation", InvalidRecord, "—"]);
                continue;
            }
            if (!byId.TryGetValue(id, out var r))
            {
                rows.Add([id, PaperCatalogue.Claim(id)?.Name ?? "", "—", "no record", VerdictText.Of(Verdict.NotRun), "—"]);
                continue;
            }
            rows.Add([id, Truncate(r.PaperWords, PaperWordsInTable), r.Threshold, MeasuredSummary(r), VerdictText.Of(r.Verdict),
                r.ExploratoryVerdict is { } ev ? VerdictText.Of(ev) : "—"]);
        }
        return new Table("Claims", ["Claim", "The paper's words", "Our metric and threshold", "Measured", "Verdict (primary)", "Exploratory"], rows,
            "Paper's words truncated here; the full text is in each claim's section. The verdict is the primary analysis', registered before " +
            "the run that first measured the claim; 'Exploratory' is the verdict of the re-readings specified after results were seen (C4a's and " +
            "C4b's per-network checks, C9's pairing), or '—' where there are none." +
            (byId.Count > 0 ? " " + Provenance(ids.Where(byId.ContainsKey).ToList(), ctx) : ""))
        {
            RowLinks = ids.Select(id => (string?)ClaimAnchor(id)).ToList(),
        };
    }

    /// <summary>The anchor of a claim's section, where the claims tables' rows lead.</summary>
    public static string ClaimAnchor(string id) => $"Claim{id}";

    /// <summary>How the claim checks came out ("3 claim checks: 2 [Re], 1 inconclusive"), and the first that is not [Re].</summary>
    public static string MeasuredSummary(ClaimResult r)
    {
        if (r.Checks.Count == 0)
            return r.Verdict == Verdict.NotRun ? "not run" : "no checks recorded";
        var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim).ToList();
        if (claims.Count == 0) return $"{r.Checks.Count} recorded values, no claim check";
        var counts = claims.GroupBy(c => c.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {VerdictText.Of(g.Key)}");
        var first = claims.FirstOrDefault(c => c.Analysis == RegisterEntry.Primary && c.Outcome != CheckOutcome.Re) ?? claims.FirstOrDefault(c => c.Outcome != CheckOutcome.Re);
        int exploratory = claims.Count(c => c.Analysis == RegisterEntry.Exploratory);
        return $"{claims.Count} claim checks{(exploratory > 0 ? $" ({exploratory} exploratory)" : "")}: {string.Join(", ", counts)}" + (first is null ? "" : $"; {first.Name}: {CheckText(first)}");
    }

    /// <summary>"mean [lo, hi], p = …, needed ≥ t".</summary>
    public static string CheckText(Check c) =>
        $"{Num.F(c.Mean)} {Num.Interval(c)}" + Num.PClause(c) + (c.Comparison.Length > 0 ? $", needed {Num.Threshold(c)}" : "");

    /// <summary>Every claim check of every claim: mean, 95% interval, p where there is one, threshold and outcome.</summary>
    internal static Table ClaimChecksTable(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId)
    {
        var rows = ids.Where(byId.ContainsKey).SelectMany(id => byId[id].Checks.Where(c => c.Kind == CheckKind.Claim).Select(c => (IReadOnlyList<string>)
            [id, c.Name, c.Analysis, Num.F(c.Mean), Num.Interval(c), Num.P(c), Num.Threshold(c), c.PerSeed.Count.ToString(CultureInfo.InvariantCulture), VerdictText.Of(c.Outcome)])).ToList();
        return new Table("ClaimChecks", ["Claim", "Claim check", "Analysis", "Mean", "95% CI", "p", "Threshold", "n", "Outcome"], rows,
            "n is the number of seeds (for C4b, the held-out seeds that judge). Intervals fit their statistic: Student t over seeds for means (kept " +
            "within the statistic's range), Fisher z over seeds for correlations (z), exact binomial over the pooled trials for counts (exact). " +
            "A family (C3's networks, C4b's networks, C9's pairs) is decided by its family-wise interval (level 1 − 0.05/m) and Holm-adjusted p, shown after " +
            "the 95% ones; \"p ≤\" marks a Monte-Carlo p at its floor 1/(N + 1), a bound. Sanity checks and recorded values are in each claim's section.")
        {
            RowLinks = rows.Select(r => (string?)ClaimAnchor(r[0])).ToList(),
        };
    }

    /// <summary>What the claims table shows for a claim whose record file was refused.</summary>
    public const string InvalidRecord = "invalid record";
}
