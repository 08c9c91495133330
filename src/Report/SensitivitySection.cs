using System.Globalization;
using Repro.Results;

namespace Repro.Report;

/// <summary>
/// The report's section "How the verdicts depend on our readings": the verdict matrix of the sensitivity study (a row per
/// reading and alternative, a column per claim; a coloured grid, then the same as a table), one sentence per flip, the alternatives and their reasons, and each cell's cost.
/// </summary>
public static class SensitivitySection
{
    public const string Anchor = "Sensitivity";
    public const string Heading = "How the verdicts depend on our readings";
    /// <summary>Marks a cell whose verdict differs from the default row's.</summary>
    public const string FlipMark = "(flip)";
    /// <summary>A cell of a claim the profile's budget leaves out of the study.</summary>
    public const string NotTestedMark = "not tested at this budget";
    /// <summary>The verdict grid's key, and the name of its PNG (figures/sensitivity-verdicts.png).</summary>
    public const string GridKey = "sensitivity-verdicts";

    /// <summary>The claims that have cells, in the study's order: at the budget, or left by an earlier, fuller study.</summary>
    private static IReadOnlyList<string> Covered(SensitivityRecord r) => r.Claims.Where(c => r.AtBudget(c) || r.Cells.Any(x => x.Claim == c)).ToList();

    /// <summary>"C1, C4a and C6".</summary>
    private static string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Join("", items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    /// <summary>The sentence on the claims the budget leaves out; empty when the study covers every claim.</summary>
    private static string BudgetSentence(SensitivityRecord r)
    {
        var outside = r.Claims.Where(c => !r.AtBudget(c)).ToList();
        if (outside.Count == 0) return "";
        var kept = outside.Where(c => r.Cells.Any(x => x.Claim == c)).ToList();
        var left = outside.Except(kept).ToList();
        return $" At the {r.Profile} profile's budget the study runs the cells of {List(r.Claims.Where(r.AtBudget).ToList())}" +
               (left.Count > 0 ? $"; those of {List(left)} are '{NotTestedMark}' ('--study full' or REPRO_STUDY=full runs them)" : "") +
               (kept.Count > 0 ? $"; the cells of {List(kept)} were left by an earlier full study" : "") + ".";
    }

    /// <summary>Every cell whose verdict differs from the default row's verdict for the same claim.</summary>
    public static IReadOnlyList<(SensitivityAlternative Alternative, SensitivityCell Cell, SensitivityCell Default)> Flips(SensitivityRecord r) =>
        r.Alternatives.Where(a => !a.IsDefault)
            .SelectMany(a => a.Claims.Select(c => (a, cell: r.Cell(a.Reading, a.Name, c), def: r.DefaultCell(c))))
            .Where(x => x.cell is not null && x.def is not null && x.cell.Verdict != x.def.Verdict)
            .Select(x => (x.a, x.cell!, x.def!)).ToList();

    /// <summary>One sentence for the report's summary: which verdicts depend on a reading.</summary>
    public static string SummarySentence(SensitivityRecord? r)
    {
        if (r is null) return "The sensitivity study has not been run ('repro sensitivity'), so it is not known which verdicts depend on our readings.";
        var flips = Flips(r);
        string done = r.Complete ? "" : " (the study is incomplete: some cells have not run)";
        string claims = List(Covered(r)), budget = BudgetSentence(r);
        if (flips.Count == 0)
            return $"The sensitivity study reran {claims} under {r.Alternatives.Count - 1} alternative readings{done}: no verdict depends on them.{budget}";
        var parts = flips.GroupBy(f => f.Cell.Claim).Select(g => $"{g.Key} ({string.Join("; ", g.Select(f => $"{f.Alternative.Key}: {VerdictText.Of(f.Default.Verdict)} → {VerdictText.Of(f.Cell.Verdict)}"))})");
        return $"The sensitivity study reran {claims} under {r.Alternatives.Count - 1} alternative readings{done}; these verdicts depend on a reading: {string.Join(", ", parts)}.{budget}";
    }

    public static IReadOnlyList<Block> Blocks(SensitivityRecord? r)
    {
        if (r is null)
            return [new Paragraph("The sensitivity study has not been run: 'repro sensitivity' (or 'repro reproduce') writes results/sensitivity.json, and this section shows its verdict matrix.")];
        var blocks = new List<Block>();
        var seeds = r.Cells.SelectMany(c => c.Checks).Where(c => c.Kind == CheckKind.Claim).Select(c => c.Seeds.Count).DefaultIfEmpty(0);
        blocks.Add(new Paragraph(
            "Each row changes one reading of a detail the paper leaves open and reruns the claims it can touch; every other reading stays " +
            "the default. The claims are restricted to keep the study affordable: C1 (MNIST FC), C2 (class 5), C4a (MNIST FC-SGD), C4b (MNIST " +
            "CNN-Adam, CNN*-SGD and CNN*-Adam, the networks whose resemblance was weakest in the main run) and C6. Every cell uses the same seeds " +
            "(three for FC and the dummy datasets; four for the CNNs: the main run's first seed chooses C4b's feed in the default cell, as in the " +
            "main claim, and three CNN seeds the main claims never use judge in every cell, because C4b's networks, the jitter and the 10,000 " +
            "iterations were chosen after the main run was seen), so the default row, with fewer seeds than the main claims, can be less decided " +
            $"than they are. A cell shows the verdict and its deciding check's mean and 95% interval; " +
            $"'=' marks a reading that cannot touch the claim, and '{FlipMark}' a verdict that differs from the default row's. " +
            $"The study ran {r.Cells.Count} cells in {Num.Seconds(r.WallSeconds)}" + (r.Complete ? "." : "; it is incomplete, and the missing cells say 'not run'.") + BudgetSentence(r),
            TextStyle.Small));

        var header = new List<string> { "Reading", "Alternative" };
        header.AddRange(r.Claims);
        var cells = r.Alternatives.Select(a => (IReadOnlyList<VerdictGridCell>)r.Claims.Select(c => GridCell(r, a, c)).ToList()).ToList();
        blocks.Add(new VerdictGrid(GridKey, "Verdicts under each reading",
            r.Alternatives.Select(a => new VerdictGridRow(a.Reading, a.Name)).ToList(), r.Claims, cells,
            "A row per reading and alternative, a column per claim. Each cell gives the claim's verdict under that reading and its deciding " +
            "check's mean and 95% interval; a thick dark border and the tag 'flip' mark a verdict that differs from the default row's, " +
            "and '=' a reading that cannot touch the claim. The table below gives the same matrix as text."));
        var rows = r.Alternatives.Select((a, i) => (IReadOnlyList<string>)[a.Reading, a.Name, .. cells[i].Select(TableText)]).ToList();
        blocks.Add(new Table("SensitivityMatrix", header, rows,
            "The number after each verdict is the cell's deciding check (its first [¬Re] claim check, else its first inconclusive one, else its first): mean and 95% interval."));

        var flips = Flips(r);
        blocks.Add(new Paragraph(flips.Count == 0 ? "No verdict flips under any alternative reading." : $"{flips.Count} verdict{(flips.Count == 1 ? "" : "s")} flip:", TextStyle.Subheading));
        foreach (var (a, cell, def) in flips)
            blocks.Add(new Paragraph(FlipSentence(a, cell, def)));
        var checkFlips = r.Alternatives.Where(a => !a.IsDefault).SelectMany(a => a.Claims.Select(c => (a, cell: r.Cell(a.Reading, a.Name, c), def: r.DefaultCell(c))))
            .Where(x => x.cell is not null && x.def is not null && x.cell.Verdict == x.def.Verdict)
            .SelectMany(x => CheckFlips(x.cell!, x.def!).Select(t => $"{x.a.Key}, {x.cell!.Claim}: {t}")).ToList();
        if (checkFlips.Count > 0)
            blocks.Add(new Paragraph("Checks that flip while their claim's verdict does not: " + string.Join("; ", checkFlips) + ".", TextStyle.Small));

        var probes = r.Cells.SelectMany(c => c.Probes.Select(p => (c, p.Key, p.Value))).ToList();
        if (probes.Count > 0)
            blocks.Add(new Table("SensitivityProbes", ["Cell", "Measurement", "Mean ± sd", "n"],
                probes.Select(x => (IReadOnlyList<string>)[$"{x.c.Reading}: {x.c.Alternative} · {x.c.Claim}", x.Key, Num.F(x.Value), x.Value.Values.Count.ToString(CultureInfo.InvariantCulture)]).ToList(),
                "Lattice share: of the first attack step's Σx², the share on the largest of the four stride-2 phases (0.25 for a smooth step, 1 for a pure lattice)."));

        blocks.Add(new Table("SensitivityReadings", ["Reading", "Alternative", "Settings", "Claims", "Why it is a fair reading"],
            r.Alternatives.Select(a => (IReadOnlyList<string>)[a.Reading, a.Name, a.Settings.Count == 0 ? "—" : string.Join(", ", a.Settings), string.Join(", ", a.Claims), a.Justification]).ToList()));
        blocks.Add(new Table("SensitivityCost", ["Cell", "Seconds", "Verdict"],
            r.Cells.Select(c => (IReadOnlyList<string>)[$"{c.Reading}: {c.Alternative} · {c.Claim}", Num.Seconds(c.WallSeconds), VerdictText.Of(c.Verdict)]).ToList(),
            "Wall time of each cell on the machine of the Environment section; networks come from the weight cache unless the reading changes training."));
        return blocks;
    }

    /// <summary>
    /// The matrix's cell for an alternative and a claim: '=' when the reading cannot touch the claim, 'not run' or 'not tested at this
    /// budget' when the cell has no result, else the verdict with its deciding check's "mean [lo, hi]" and whether it flips.
    /// </summary>
    public static VerdictGridCell GridCell(SensitivityRecord r, SensitivityAlternative a, string claim)
    {
        var cell = r.Cell(a.Reading, a.Name, claim);
        if (cell is null)
            return !a.Claims.Contains(claim) ? new(VerdictGridOutcome.Untouched, "=", "", false)
                : r.AtBudget(claim) ? new(VerdictGridOutcome.NotRun, VerdictText.Of(Verdict.NotRun), "", false)
                : new(VerdictGridOutcome.NotTested, NotTestedMark, "", false);
        var def = r.DefaultCell(claim);
        var key = cell.KeyCheck;
        bool flip = !a.IsDefault && def is not null && def.Verdict != cell.Verdict;
        return new(Outcome(cell.Verdict), VerdictText.Of(cell.Verdict), key is null ? "" : $"{Num.F(key.Mean)} {Num.Interval(key)}", flip);
    }

    /// <summary>The grid's colour category of a verdict.</summary>
    public static VerdictGridOutcome Outcome(Verdict v) => v switch
    {
        Verdict.Re or Verdict.ReWhereTested => VerdictGridOutcome.Re,
        Verdict.NotRe => VerdictGridOutcome.NotRe,
        Verdict.Inconclusive => VerdictGridOutcome.Inconclusive,
        Verdict.NotTested => VerdictGridOutcome.NotTested,
        Verdict.NotRun => VerdictGridOutcome.NotRun,
        _ => VerdictGridOutcome.Other,
    };

    /// <summary>A cell as the text table writes it: "[¬Re] 0.521 [0.456, 0.581] z (flip)".</summary>
    public static string TableText(VerdictGridCell c) => c.Verdict + (c.Number.Length == 0 ? "" : " " + c.Number) + (c.Flip ? " " + FlipMark : "");

    /// <summary>"C4b turns [Re] under zeroFeedJitter: … (default inconclusive): key check …; what it means."</summary>
    public static string FlipSentence(SensitivityAlternative a, SensitivityCell cell, SensitivityCell def)
    {
        var key = cell.KeyCheck;
        var changed = CheckFlips(cell, def);
        return $"{cell.Claim} turns {VerdictText.Of(cell.Verdict)} (default {VerdictText.Of(def.Verdict)}) under {a.Key}" +
               (changed.Count > 0 ? $": {string.Join("; ", changed)}" : key is null ? "" : $": {key.Name} {Num.F(key.Mean)} {Num.Interval(key)}") +
               $". If this reading is the paper's, {a.FlipMeaning}.";
    }

    /// <summary>Claim checks whose outcome differs between the two cells: "name: default → now (mean [lo, hi])".</summary>
    public static IReadOnlyList<string> CheckFlips(SensitivityCell cell, SensitivityCell def) =>
        cell.Checks.Where(c => c.Kind is CheckKind.Claim or CheckKind.Sanity)
            .Select(c => (c, d: def.Checks.FirstOrDefault(d => d.Name == c.Name)))
            .Where(x => x.d is not null && x.d.Outcome != x.c.Outcome)
            .Select(x => $"{x.c.Name} {VerdictText.Of(x.d!.Outcome)} → {VerdictText.Of(x.c.Outcome)} ({Num.F(x.d.Mean)} → {Num.F(x.c.Mean)} {Num.Interval(x.c)})").ToList();
}
