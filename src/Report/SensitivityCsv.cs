using System.Globalization;
using System.Text;
using Repro.Results;

namespace Repro.Report;

/// <summary>sensitivity.csv, tidy: one row per sensitivity cell, check and seed, with the cell's verdict beside the check's outcome.</summary>
public static class SensitivityCsv
{
    public const string FileName = "sensitivity.csv";

    public static readonly string[] Columns = ["reading", "alternative", "claim", "cellVerdict", "check", "kind", "outcome", "seed", "value", "threshold", "comparison", "profile"];

    public static string Build(SensitivityRecord? study)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append('\n');
        foreach (var cell in study?.Cells ?? [])
            foreach (var c in cell.Checks)
                for (int i = 0; i < c.PerSeed.Count; i++)
                    ChecksCsv.Row(sb, cell.Reading, cell.Alternative, cell.Claim, cell.Verdict.ToString(), c.Name, c.Kind.ToString(), c.Outcome.ToString(),
                        c.Seeds[i].ToString(CultureInfo.InvariantCulture), Num.Raw(c.PerSeed[i]), c.Comparison.Length == 0 ? "" : Num.Raw(c.Threshold), c.Comparison, study!.Profile);
        return sb.ToString();
    }
}
