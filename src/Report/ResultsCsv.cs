using System.Text;
using Repro.Results;

namespace Repro.Report;

/// <summary>
/// results.csv: one row per check (id, name, kind, metric, comparison, threshold, n, mean, the 95% interval and its kind, p, whether
/// it is a bound, its null, the family with its size, Holm-adjusted p and family-wise interval, outcome, verdict),
/// numbers at full precision; an expected claim without a record, or a record without checks, gets one row with empty check fields.
/// </summary>
public static class ResultsCsv
{
    public static readonly string[] Columns =
        ["id", "name", "kind", "analysis", "metric", "comparison", "threshold", "n", "mean", "interval", "ciLow", "ciHigh", "p", "pIsBound", "pNull", "family", "familySize",
         "pAdjusted", "familyCiLow", "familyCiHigh", "outcome", "verdict"];

    public static string Build(IReadOnlyList<ClaimResult> records)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append('\n');
        var byId = records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last());
        var ids = PaperClaims.All.Select(c => c.Id)
            .Concat(byId.Keys.Where(id => PaperClaims.Find(id) is null).Order(StringComparer.Ordinal));
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var r))
            {
                Row(sb, [id, .. Enumerable.Repeat("", Columns.Length - 2), Verdict.NotRun.ToString()]);
                continue;
            }
            if (r.Checks.Count == 0)
                Row(sb, [id, .. Enumerable.Repeat("", Columns.Length - 2), r.Verdict.ToString()]);
            foreach (var c in r.Checks)
                Row(sb, id, c.Name, c.Kind.ToString(), c.Analysis, c.Metric, c.Comparison, Num.Raw(c.Threshold), c.PerSeed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Num.Raw(c.Mean), c.Interval.ToString(), Num.Raw(c.CiLow), Num.Raw(c.CiHigh), c.P is { } p ? Num.Raw(p) : "", c.P is null ? "" : c.PIsBound ? "true" : "false",
                    c.PNull ?? "", c.Family ?? "", c.Family is null ? "" : c.FamilySize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    c.PAdjusted is { } pa ? Num.Raw(pa) : "", c.Family is null ? "" : Num.Raw(c.FamilyCiLow), c.Family is null ? "" : Num.Raw(c.FamilyCiHigh),
                    c.Outcome.ToString(), r.Verdict.ToString());
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, params string[] fields) =>
        sb.Append(string.Join(',', fields.Select(Escape))).Append('\n');

    public static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
