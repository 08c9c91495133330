using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>Table 1 of the paper beside the reproduced networks, and what budget would test the capped ones.</summary>
internal static class Table1Section
{
    public const string Anchor = "Table1Training";
    public const string Heading = "Table 1 — trained networks, paper versus reproduced";

    internal static IReadOnlyList<Block> Table1Blocks(Dictionary<string, ClaimResult> byId, ReportContext ctx)
    {
        if (!byId.TryGetValue("C3", out var c3) || c3.Table1.Count == 0)
            return [new Paragraph("Not run: no C3 record with Table 1 rows was found.")];
        var rows = c3.Table1.Select(t => (IReadOnlyList<string>)
        [
            t.Dataset, t.Architecture, t.Optimizer,
            Num.F(t.PaperAccuracy), t.ValidationAccuracy is { } va ? Num.F(va) : "—", Num.F(t.Accuracy), Num.F(t.PaperLoss), Num.F(t.Loss),
            Num.F(t.TargetAccuracy), Num.F(t.Epochs), t.ReachedTarget ? "yes" : "no",
        ]).ToList();
        int reached = c3.Table1.Count(t => t.ReachedTarget);
        var blocks = new List<Block>
        {
            new Paragraph($"Each network of the paper's Table 1 (six training configurations on MNIST and F-MNIST), cell by cell: the paper's " +
                          $"accuracy and loss beside ours (mean ± sd over seeds {Seeds(c3.Seeds)}). {reached} of {c3.Table1.Count} networks " +
                          $"reached their target accuracy. Claim C3: {VerdictText.Of(c3.Verdict)}."),
            new Table("Table1",
                ["Dataset", "Architecture", "Optimizer", "Paper acc.", "Our val. acc.", "Our test acc.", "Paper loss", "Our test loss", "Target acc.", "Epochs", "Reached"],
                rows, "Architectures as in §2.4; '*'/BN = with batch normalization. Paper values from its Table 1, whose accuracy is a validation accuracy: " +
                      "ours is where training stopped, on the validation split it stopped on (C3 judges it), and beside it the untouched test set's. " +
                      "A network that did not reach its target stopped at the profile's epoch cap: it is not tested at this budget. " + Provenance([c3], ctx)),
        };
        if (BudgetParagraph(c3, ctx.EpochsNeeded) is { } budget) blocks.Add(budget);
        return blocks;
    }

    /// <summary>
    /// What budget would test the capped networks, from <c>repro budget</c>'s record, shown only when it belongs to this run: the same
    /// profile, and exactly the networks C3 found not tested.
    /// </summary>
    internal static Paragraph? BudgetParagraph(ClaimResult c3, EpochsNeededRecord? budget)
    {
        var untested = c3.Checks.Where(c => c.Kind == CheckKind.Claim && c.Outcome == CheckOutcome.NotTested)
            .Select(c => c.Name[..c.Name.LastIndexOf(" reaches ", StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ToList();
        if (untested.Count == 0) return null;
        if (budget is null)
            return new Paragraph($"{untested.Count} networks are not tested at this budget; 'repro budget' measures the epochs they would need.", TextStyle.Small);
        if (budget.Profile != c3.Profile || !budget.Rows.Select(r => r.Network).Order(StringComparer.Ordinal).SequenceEqual(untested))
            return new Paragraph($"The epoch budget on record ({EpochsNeededRecord.FileName}, profile '{budget.Profile}') is for other networks than this run's " +
                                 "untested ones, so it is not shown; rerun 'repro budget'.", TextStyle.Small);
        var parts = budget.Rows.Select(r => r.Reached
            ? $"{r.Network} (seed {r.Seed}) reaches {Num.F(r.TargetAccuracy)} after {Num.F(r.Epochs)} epochs"
            : $"{r.Network} (seed {r.Seed}) does not within {Num.F(budget.MaxEpochs)} (validation accuracy {Num.F(r.ValidationAccuracy)})");
        return new Paragraph($"What budget would test them: trained again with up to {Num.F(budget.MaxEpochs)} epochs instead of the profile's cap, " +
                             string.Join("; ", parts) + $". Measured by 'repro budget' ({EpochsNeededRecord.FileName}, {Date(budget.Environment.Date)}).", TextStyle.Small);
    }
}
