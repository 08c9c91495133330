using System.Globalization;
using System.Text;
using Repro.Results;

namespace Repro.Report;

/// <summary>
/// checks.csv, tidy: one row per check and seed (claim, check, kind, analysis, outcome, seed, value, threshold, comparison, p, whether p
/// is a bound, the interval's kind, profile), every number at full precision, so pandas, R or a spreadsheet reads the per-seed values
/// with no glue code.
/// </summary>
public static class ChecksCsv
{
    public const string FileName = "checks.csv";

    public static readonly string[] Columns = ["claim", "check", "kind", "analysis", "outcome", "seed", "value", "threshold", "comparison", "p", "pIsBound", "interval", "profile"];

    public static string Build(IReadOnlyList<ClaimResult> records)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append('\n');
        foreach (var r in records)
            foreach (var c in r.Checks)
                for (int i = 0; i < c.PerSeed.Count; i++)
                    Row(sb, r.Id, c.Name, c.Kind.ToString(), c.Analysis, c.Outcome.ToString(), c.Seeds[i].ToString(CultureInfo.InvariantCulture), Num.Raw(c.PerSeed[i]),
                        c.Comparison.Length == 0 ? "" : Num.Raw(c.Threshold), c.Comparison, c.P is { } p ? Num.Raw(p) : "", c.P is null ? "" : c.PIsBound ? "true" : "false",
                        c.Interval.ToString(), r.Profile);
        return sb.ToString();
    }

    internal static void Row(StringBuilder sb, params string[] fields) => sb.Append(string.Join(',', fields.Select(ResultsCsv.Escape))).Append('\n');
}
