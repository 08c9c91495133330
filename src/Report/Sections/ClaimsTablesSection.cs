using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>The claims table: one row per claim (the paper's words, our threshold, the verdicts), each leading to its claim's section.</summary>
internal static class ClaimsTablesSection
{
    internal static Table ClaimsTable(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId, IReadOnlyDictionary<string, string> invalid, ReportContext ctx)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var id in ids)
        {
            if (!byId.ContainsKey(id) && invalid.ContainsKey(id))
            {
                rows.Add([id, PaperClaims.Find(id)?.Title ?? "", "the record file failed validation", InvalidRecord, "—"]);
                continue;
            }
            if (!byId.TryGetValue(id, out var r))
            {
                rows.Add([id, PaperClaims.Find(id)?.Title ?? "", "no record", VerdictText.Of(Verdict.NotRun), "—"]);
                continue;
            }
            rows.Add([id, Truncate(r.PaperWords, PaperWordsInTable), r.Threshold, VerdictText.Of(r.Verdict),
                r.ExploratoryVerdict is { } ev ? VerdictText.Of(ev) : "—"]);
        }
        return new Table("Claims", ["Claim", "The paper's words", "Our metric and threshold", "Verdict (primary)", "Exploratory"], rows,
            "Paper's words truncated here; the full text is in each claim's section, and the measured numbers in the findings (section 1) and there. The verdict is the primary analysis', registered before " +
            "the run that first measured the claim; 'Exploratory' is the verdict of the re-readings specified after results were seen (C4a's and " +
            "C4b's per-network checks, C9's pairing), or '—' where there are none." +
            " Each claim's section names its record's file, SHA-256, commit, profile, device and date.")
        {
            RowLinks = ids.Select(id => (string?)ClaimAnchor(id)).ToList(),
        };
    }

    /// <summary>The anchor of a claim's section, where the claims tables' rows lead.</summary>
    public static string ClaimAnchor(string id) => $"Claim{id}";

    /// <summary>"mean [lo, hi], p = …, needed ≥ t".</summary>
    public static string CheckText(Check c) =>
        $"{Num.F(c.Mean)} {Num.Interval(c)}" + Num.PClause(c) + (c.Comparison.Length > 0 ? $", needed {Num.Threshold(c)}" : "");

    /// <summary>What the claims table shows for a claim whose record file was refused.</summary>
    public const string InvalidRecord = "invalid record";
}
