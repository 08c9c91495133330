using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>The threshold register, every line, oldest first.</summary>
internal static class RegisterSection
{
    public const string Anchor = "ThresholdRegister";

    internal static IReadOnlyList<Block> RegisterBlocks(ThresholdRegister register) =>
    [
        new Paragraph($"Our pre-registration: every check's kind, metric, comparison and threshold, the date it was set and why " +
                      $"({ThresholdRegister.FileName} at the repository's root). A change appends a dated line and keeps the old one; the claims " +
                      "refuse to write a check that disagrees with its current line. All lines, oldest first:"),
        new Table("Register", ["Date", "Claim", "Check", "Kind", "Metric", "Threshold", "Reason"],
            register.Entries.Select(e => (IReadOnlyList<string>)[e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Claim, e.Check, e.Kind, e.Metric,
                e.Comparison.Length == 0 ? "—" : $"{e.Comparison} {Num.F(e.Threshold)}", e.Reason]).ToList()),
    ];
}
