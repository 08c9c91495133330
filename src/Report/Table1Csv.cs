using System.Globalization;
using System.Text;
using Repro.Results;

namespace Repro.Report;

/// <summary>table1.csv, tidy: one row per Table 1 network and seed, the paper's accuracy and loss beside ours (validation at the stop, test).</summary>
public static class Table1Csv
{
    public const string FileName = "table1.csv";

    public static readonly string[] Columns =
        ["dataset", "architecture", "optimizer", "paperAccuracy", "paperLoss", "seed", "validationAccuracy", "testAccuracy", "testLoss", "epochs", "profile"];

    public static string Build(IReadOnlyList<ClaimResult> records)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append('\n');
        foreach (var r in records.Where(r => r.Id == "C3"))
            foreach (var t in r.Table1)
                for (int i = 0; i < t.Accuracy.Values.Count; i++)
                {
                    // Records before 2026-12-03 kept no seeds per row: their values are in the order of the record's seeds.
                    int seed = t.Seeds is { } s && i < s.Count ? s[i] : r.Seeds[i];
                    ChecksCsv.Row(sb, t.Dataset, t.Architecture, t.Optimizer, Num.Raw(t.PaperAccuracy), Num.Raw(t.PaperLoss), seed.ToString(CultureInfo.InvariantCulture),
                        t.ValidationAccuracy is { } va && i < va.Values.Count ? Num.Raw(va.Values[i]) : "", Num.Raw(t.Accuracy.Values[i]),
                        i < t.Loss.Values.Count ? Num.Raw(t.Loss.Values[i]) : "", i < t.Epochs.Values.Count ? Num.Raw(t.Epochs.Values[i]) : "", r.Profile);
                }
        return sb.ToString();
    }
}
