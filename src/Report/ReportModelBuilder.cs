using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;

namespace Repro.Report;

/// <summary>
/// Builds the report's document model from result records and a context. Pure: the same records and context
/// always give the same document; nothing here measures, reads the clock, or touches the disk.
/// </summary>
public static class ReportModelBuilder
{
    private const int PaperWordsInTable = 150;
    private const int MetricsInCaption = 6;

    /// <param name="invalid">Claim id → why its record file was refused; shown as "invalid record" instead of the claim.</param>
    public static ReportDocument Build(IReadOnlyList<ClaimResult> records, ReportContext ctx, IReadOnlyDictionary<string, string>? invalid = null)
    {
        invalid ??= new Dictionary<string, string>();
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(ctx);
        var byId = records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last());
        var ids = PaperCatalogue.Claims.Select(c => c.Id)
            .Concat(records.Select(r => r.Id).Where(id => PaperCatalogue.Claim(id) is null).Distinct().Order(StringComparer.Ordinal))
            .ToList();
        var ordered = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();

        var sections = new List<Section>();
        int n = 0;
        string H(string text) => $"{++n} {text}";

        sections.Add(new Section("Summary", H("Summary"), SummaryBlocks(ids, byId, ordered, ctx)));
        sections.Add(new Section("Claims", H("Claims"), [ClaimsTable(ids, byId, invalid, ctx), ClaimChecksTable(ids, byId)]));
        sections.Add(new Section("Table1Training", H("Table 1 — trained networks, paper versus reproduced"), Table1Blocks(byId, ctx)));
        foreach (var (anchor, heading, keys) in new[]
                 {
                     ("Figure1MethodAgreement", "Figure 1 — method agreement", new[] { "Figure1" }),
                     ("Figure2ParameterRobustness", "Figure 2 — parameter robustness", ["Figure2"]),
                     ("Figures3And4ApVersusPnc", "Figures 3 and 4 — APs versus PNCs", ["Figure3", "Figure4"]),
                     ("Figures5And6DummyDatasets", "Figures 5 and 6 — dummy datasets", ["Figure5", "Figure6"]),
                 })
        {
            var blocks = new List<Block>();
            foreach (var key in keys)
                blocks.Add(BuildFigure(PaperCatalogue.Figures.Single(f => f.Key == key), ordered, byId, ctx));
            sections.Add(new Section(anchor, H(heading), blocks));
        }
        sections.Add(new Section(SensitivitySection.Anchor, H(SensitivitySection.Heading), SensitivitySection.Blocks(ctx.Sensitivity)));
        sections.Add(new Section("Cost", H("Cost of each stage (§2.7)"), CostBlocks(ordered, ctx.Stages)));

        int claimsSection = ++n;
        sections.Add(new Section("ClaimsInDetail", $"{claimsSection} Claims in detail",
            [new Paragraph("For each claim: the paper's words, our threshold, its claim checks, sanity checks and recorded values with each seed's " +
                           "value, the further measurements of its record, and, where it is not [Re], what was found instead.")]));
        int sub = 0;
        foreach (var id in ids)
            sections.Add(ClaimSection(id, byId.GetValueOrDefault(id), ordered, $"{claimsSection}.{++sub}", invalid.GetValueOrDefault(id), ctx));

        sections.Add(new Section("Methods", H("Methods: readings, parameters, reductions"), MethodsBlocks(ordered)));
        sections.Add(new Section("Environment", H("Environment"), EnvironmentBlocks(ordered, ctx)));
        sections.Add(new Section("ThresholdRegister", H("Appendix: the threshold register"), RegisterBlocks(ThresholdRegister.Embedded)));

        // A contents list after the summary, each line a link to its section (the PDF's named destinations).
        var listed = sections.Where(s => s.Level == 1 || s.Anchor.StartsWith("Claim", StringComparison.Ordinal) && s.Anchor != "Claims").ToList();
        sections.Insert(1, new Section("Contents", "Contents",
        [
            new Table("Contents", ["Section"], listed.Select(s => (IReadOnlyList<string>)[(s.Level == 2 ? "    " : "") + s.Heading]).ToList(),
                "Each line, each row of the claims tables and each claim check leads to its section.")
            {
                RowLinks = listed.Select(s => (string?)s.Anchor).ToList(),
            },
        ]));
        var subtitle = $"Generated {Date(ctx.Date)} · commit {ctx.Commit}";
        return new ReportDocument(ctx.Title, subtitle, sections);
    }

    // ---- 1. Summary ------------------------------------------------------------------------------------------------

    private static IReadOnlyList<Block> SummaryBlocks(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId, IReadOnlyList<ClaimResult> ordered, ReportContext ctx)
    {
        int Count(Verdict v) => ids.Count(id => byId.TryGetValue(id, out var r) && r.Verdict == v);
        int notRun = ids.Count(id => !byId.ContainsKey(id) || byId[id].Verdict == Verdict.NotRun);
        var profiles = ordered.Select(r => r.Profile).Distinct().ToList();
        string profileText = profiles.Count switch
        {
            0 => "no result records were found",
            1 => $"the records come from the '{profiles[0]}' profile",
            _ => "the records come from the profiles " + string.Join(", ", profiles.Select(p => $"'{p}'")),
        };
        var wall = ordered.Sum(r => r.WallSeconds);
        var summary =
            $"This report checks {ids.Count} claims of the paper 'Neural Networks Playing Dough: Investigating Deep Cognition With a " +
            $"Gradient-Based Adversarial Attack' (ICLR 2022 submission) against result records: {Count(Verdict.Re)} [Re] (reproduced), " +
            (Count(Verdict.ReWhereTested) + Count(Verdict.NotTested) > 0
                ? $"{Count(Verdict.ReWhereTested)} [Re] where tested (the rest not tested at this budget), {Count(Verdict.NotTested)} {VerdictText.NotTestedText}, "
                : "") +
            $"{Count(Verdict.NotRe)} [¬Re] (not reproduced), {Count(Verdict.Inconclusive)} inconclusive, {Count(Verdict.InvalidRun)} invalid runs, " +
            $"{Count(Verdict.Recorded)} recorded without a verdict, {notRun} not run. {Capitalise(profileText)}" +
            (ordered.Count > 0 ? $"; together they ran for {Num.Seconds(wall)}" : "") +
            $". Generated {Date(ctx.Date)} from commit {ctx.Commit}.";
        return
        [
            new Paragraph(summary),
            new Paragraph(HypothesisSummary.Sentence(byId.GetValueOrDefault("C4a"), byId.GetValueOrDefault("C4b"))),
            new Paragraph(HypothesisSummary.SparsitySentence(byId.GetValueOrDefault("C10"))),
            new Paragraph(SensitivitySection.SummarySentence(ctx.Sensitivity)),
            new Paragraph("Every claim check is measured per seed; the report shows its mean and a 95% interval that fits the statistic: the " +
                          "Student-t interval of the mean over seeds for means (intersected with the statistic's range, e.g. [0, 1] for an accuracy), " +
                          "a Fisher-z interval over seeds for correlations, and the exact binomial (Clopper–Pearson) interval of the trials pooled over " +
                          "seeds for counts. A check is [Re] when the whole interval lies on the passing side of its threshold (and, for an " +
                          "identification or trend check, its p-value is below the stated level), [¬Re] when the whole interval lies on the failing " +
                          "side, and inconclusive otherwise; one seed has no Student-t or Fisher-z interval, so such a check on one seed is always " +
                          "inconclusive. A p-value names its null; a Monte-Carlo p with no resample as extreme is its floor 1/(N + 1), shown as " +
                          "\"p ≤\". Families (C3's twelve networks, C4b's networks, C9's pairs) are corrected: each member is decided by its " +
                          "Holm-adjusted p and its family-wise interval (level 1 − 0.05/m for a family of m, Bonferroni's width); the unadjusted " +
                          "values stay beside them. A claim is [Re] when all its claim checks are (intersection–union), [¬Re] when any is after " +
                          "the family correction, inconclusive otherwise. Sanity checks are facts the run depends on: if one fails the run is " +
                          "invalid, never [¬Re]. Recorded values are shown beside the paper's, with no verdict. Every threshold is in the " +
                          "dated threshold register (appendix), set before measuring or changed with a dated reason. Image panels are drawn as " +
                          "pyplot.imshow draws them by default: each panel min–max normalised on its own, viridis colour map, nearest " +
                          "neighbour. A blank white box marks a failed attack (the paper's 'blank images').", TextStyle.Small),
        ];
    }

    // ---- 2. Claims table -------------------------------------------------------------------------------------------

    private static Table ClaimsTable(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId, IReadOnlyDictionary<string, string> invalid, ReportContext ctx)
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
    private static Table ClaimChecksTable(IReadOnlyList<string> ids, Dictionary<string, ClaimResult> byId)
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

    // ---- 3. Table 1 -----------------------------------------------------------------------------------------------

    private static IReadOnlyList<Block> Table1Blocks(Dictionary<string, ClaimResult> byId, ReportContext ctx)
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
                      "A network that did not reach its target stopped at the profile's epoch cap: it is not tested at this budget. " + Provenance(["C3"], ctx)),
        };
        if (BudgetParagraph(c3, ctx.EpochsNeeded) is { } budget) blocks.Add(budget);
        return blocks;
    }

    /// <summary>
    /// What budget would test the capped networks, from <c>repro budget</c>'s record, shown only when it belongs to this run: the same
    /// profile, and exactly the networks C3 found not tested.
    /// </summary>
    private static Paragraph? BudgetParagraph(ClaimResult c3, EpochsNeededRecord? budget)
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

    // ---- 4. Figures -----------------------------------------------------------------------------------------------

    private static Figure BuildFigure(FigureInfo info, IReadOnlyList<ClaimResult> ordered, Dictionary<string, ClaimResult> byId, ReportContext ctx)
    {
        var images = ordered.SelectMany(r => r.Images.Where(i => i.Figure == info.Key).Select(i => (r.Id, Image: i))).ToList();
        var matrices = ordered.SelectMany(r => r.Matrices.Where(m => m.Figure == info.Key).Select(m => (r.Id, Matrix: m))).ToList();
        var grid = BuildGrid(images.Select(x => x.Image).ToList());

        var owners = new List<string>();
        if (byId.ContainsKey(info.DefaultClaim)) owners.Add(info.DefaultClaim);
        owners.AddRange(images.Select(x => x.Id).Concat(matrices.Select(x => x.Id)).Distinct().Where(id => !owners.Contains(id)));

        var caption = new List<string> { $"Paper: {info.PaperCaption}" };
        if (grid.IsEmpty)
            caption.Add($"Not run: no record holds images for {info.Key}.");
        else
        {
            int blanks = grid.Panels.Count(p => p.Blank);
            caption.Add($"Reproduced: {grid.RowLabels.Count} × {grid.ColumnLabels.Count} grid, {grid.Panels.Count} panels" +
                        (blanks > 0 ? $", {blanks} blank (attack failed)" : "") + ".");
        }
        foreach (var id in owners)
            caption.Add(KeyMetrics(byId[id]));
        if (owners.Count == 0)
            caption.Add($"{info.DefaultClaim}: not run.");

        if (owners.Count > 0) caption.Add(Provenance(owners, ctx));

        var heatMaps = matrices.Select(x => ToHeatMap(x.Matrix)).ToList();
        return new Figure(info.Key, info.Title, string.Join(" ", caption), grid, heatMaps);
    }

    /// <summary>
    /// Where a figure or table came from and how to rebuild it: each record file with its SHA-256 prefix, the commit, and
    /// the one command that regenerates it.
    /// </summary>
    public static string Provenance(IReadOnlyList<string> ids, ReportContext ctx)
    {
        var sources = ids.Select(id => $"results/{id}.json" +
            (ctx.RecordSha256.TryGetValue(id, out var sha) && sha.Length >= 12 ? $" (sha256 {sha[..12]})" : ""));
        return $"Source: {string.Join(", ", sources)}, commit {Short(ctx.Commit)}; rebuild: repro claims --only {string.Join(",", ids)}, then repro report.";
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary>Rows = distinct Row values in order of first appearance, columns likewise; the first panel for a cell wins.</summary>
    public static ImageGrid BuildGrid(IReadOnlyList<ImageRecord> images)
    {
        var rows = new List<string>();
        var cols = new List<string>();
        var panels = new List<Panel>();
        var seen = new HashSet<(int, int)>();
        foreach (var img in images)
        {
            int r = rows.IndexOf(img.Row);
            if (r < 0) { rows.Add(img.Row); r = rows.Count - 1; }
            int c = cols.IndexOf(img.Column);
            if (c < 0) { cols.Add(img.Column); c = cols.Count - 1; }
            if (!seen.Add((r, c))) continue;
            // A panel whose pixel count does not match its size cannot be drawn: shown blank, and said so.
            bool invalid = img.Pixels is { } p && p.Length != img.Height * img.Width;
            var note = invalid ? $"invalid: {img.Pixels!.Length} values for {img.Height}×{img.Width}" : img.Note;
            panels.Add(new Panel(r, c, img.Height, img.Width, invalid ? null : img.Pixels, note));
        }
        return new ImageGrid(rows, cols, panels);
    }

    private static string KeyMetrics(ClaimResult r)
    {
        var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim).ToList();
        var shown = claims.Take(MetricsInCaption).Select(c => $"{c.Name}: {Num.F(c.Mean)} {Num.Interval(c)} {VerdictText.Of(c.Outcome)}").ToList();
        if (claims.Count > MetricsInCaption) shown.Add($"… ({claims.Count - MetricsInCaption} more in the section on {r.Id})");
        return $"{r.Id} {VerdictText.Of(r.Verdict)}" + (shown.Count > 0 ? ": " + string.Join("; ", shown) + "." : ".");
    }

    private static HeatMap ToHeatMap(MatrixRecord m) =>
        new(m.Figure, m.Name, m.RowLabels, m.ColumnLabels, m.Values, $"{m.Name}: {m.Summary}");

    // ---- 5. Cost --------------------------------------------------------------------------------------------------

    private const int StagesInReport = 15;

    private static IReadOnlyList<Block> CostBlocks(IReadOnlyList<ClaimResult> ordered, StageTable? stages)
    {
        var blocks = new List<Block>
        {
            new Paragraph("The paper ran every computation on an NVIDIA GeForce GTX 1070: an AAI of 30 ADEs with 1,000 iterations took " +
                          "5 minutes on average, an AP by zero or noise feed 5 seconds (§2.7). Our stage timings, from each record:"),
        };
        var rows = new List<IReadOnlyList<string>>();
        foreach (var r in ordered)
            foreach (var (key, m) in r.Timings)
            {
                var stage = PaperCatalogue.StageNames.TryGetValue(key, out var s) ? s : key;
                bool hasPaper = PaperCatalogue.PaperCosts.TryGetValue(key, out var paper);
                rows.Add([stage, key, r.Id, Num.Seconds(m), m.Values.Count.ToString(CultureInfo.InvariantCulture),
                    hasPaper ? paper.Words : "—", hasPaper ? "× " + Num.F(m.Mean / paper.Seconds) : "—"]);
            }
        if (rows.Count == 0) blocks.Add(new Paragraph("No record holds stage timings."));
        else blocks.Add(new Table("Cost", ["Stage", "Key", "Claim", "Ours (mean ± sd)", "n", "Paper", "Ours / paper"], rows));

        var devices = ordered.Select(r => r.Environment.Device).Distinct().ToList();
        if (devices.Count > 0)
            blocks.Add(new Paragraph($"Our timings were measured on: {string.Join("; ", devices)} (see Environment). Wall time of each claim run:", TextStyle.Small));
        if (ordered.Count > 0)
            blocks.Add(new Table("WallTime", ["Claim", "Profile", "Seeds", "Wall time"],
                ordered.Select(r => (IReadOnlyList<string>)[r.Id, r.Profile, Seeds(r.Seeds), Num.Seconds(r.WallSeconds)]).ToList()));
        if (stages is not null) blocks.AddRange(StageBlocks(stages));
        return blocks;
    }

    /// <summary>The stage table of the last run that did work: its summary, then its longest stages.</summary>
    private static IEnumerable<Block> StageBlocks(StageTable t)
    {
        var c = CultureInfo.InvariantCulture;
        yield return new Paragraph($"Stages of the last run that did work ({t.Command}, {t.Date.ToString("yyyy-MM-dd HH:mm 'UTC'", c)}, {t.Cpu}). FLOPs are " +
                                   "counted from the layer shapes: 2 per multiply-accumulate; an attack iteration is 2 forward passes (weights frozen), " +
                                   "a training sample 3, an evaluated image 1. Each stage's rate is set against the matmul rate at its thread count.");
        foreach (var line in t.SummaryLines()) yield return new Paragraph(line, TextStyle.Small);
        var rows = t.Stages.OrderByDescending(s => s.WallSeconds).Take(StagesInReport).Select(s => (IReadOnlyList<string>)
        [
            s.Name, s.Kind.ToString(), s.Claim ?? "", s.Threads.ToString(c), Num.Seconds(s.WallSeconds),
            double.IsNaN(s.ThreadSeconds) ? "n/a" : Num.Seconds(s.ThreadSeconds),
            s.Flops > 0 ? (s.Flops / 1e9).ToString("0.00", c) : "—",
            s.Flops > 0 ? t.ShareOfMatmul(s).ToString("0.0%", c) : "—",
        ]).ToList();
        yield return new Table("Stages", ["Stage", "Kind", "Claim", "Threads", "Wall", "Thread CPU", "GFLOP", "Of matmul"], rows,
            $"The {rows.Count} longest of {t.Stages.Count} stages by wall time; every stage is in bench/stages.csv.");
    }

    // ---- Claims in detail -----------------------------------------------------------------------------------------

    private static Section ClaimSection(string id, ClaimResult? r, IReadOnlyList<ClaimResult> ordered, string number, string? invalid, ReportContext ctx)
    {
        var info = PaperCatalogue.Claim(id);
        if (r is null && invalid is not null)
            return new Section(ClaimAnchor(id), $"{number} {id} — {info?.Name ?? id}",
                [new Paragraph($"Invalid record: {invalid}. Its numbers are not shown; run the claim again (repro claims --only {id}).")], 2);
        if (r is null)
            return new Section(ClaimAnchor(id), $"{number} {id} — {info?.Name ?? id}", [new Paragraph("Not run: no result record was found for this claim.")], 2);

        var blocks = new List<Block>
        {
            new Paragraph($"Paper ({r.Section}): “{r.PaperWords}”", TextStyle.Quote),
            new Paragraph($"Threshold: {r.Threshold}. Verdict: {VerdictText.Of(r.Verdict)}" +
                          (r.ExploratoryVerdict is { } ev ? $" (primary analysis); exploratory re-readings: {VerdictText.Of(ev)}" : "") + $". Profile '{r.Profile}', seeds {Seeds(r.Seeds)}, wall time {Num.Seconds(r.WallSeconds)}."),
        };
        if (r.Verdict is Verdict.NotRe or Verdict.Inconclusive or Verdict.InvalidRun)
            blocks.Add(new Paragraph($"Finding: {r.Finding ?? "(no finding recorded)"}", TextStyle.Finding));
        else if (!string.IsNullOrWhiteSpace(r.Finding))
            blocks.Add(new Paragraph($"Note: {r.Finding}"));

        if (r.Checks.Count == 0) blocks.Add(new Paragraph("No checks recorded."));
        foreach (var (kind, title) in new[] { (CheckKind.Claim, "Claim checks"), (CheckKind.Sanity, "Sanity checks"), (CheckKind.Recorded, "Recorded values") })
        {
            var checks = r.Checks.Where(c => c.Kind == kind).ToList();
            if (checks.Count == 0) continue;
            blocks.Add(new Paragraph(title, TextStyle.Subheading));
            blocks.Add(kind == CheckKind.Recorded
                ? new Table($"{kind}{id}", ["Value", "Metric", "Mean", "95% CI", "Paper", "Per seed", "Note"],
                    checks.Select(c => (IReadOnlyList<string>)[c.Name + (c.Comparison.Length > 0 ? $" ({Num.Threshold(c)}: {VerdictText.Of(c.Outcome)})" : ""),
                        c.Metric, Num.F(c.Mean), Num.Interval(c), c.PaperValue is { } pv ? Num.F(pv) : "—", PerSeed(c), c.Note ?? ""]).ToList())
                : new Table($"{kind}{id}", ["Check", "Metric", "Mean", "95% CI", "p", "Threshold", "Per seed", "Outcome"],
                    checks.Select(c => (IReadOnlyList<string>)[c.Name + (c.Analysis == RegisterEntry.Exploratory ? " [exploratory]" : "") + (c.Note is { } n ? $" ({n})" : ""), c.Metric, Num.F(c.Mean), Num.Interval(c), Num.P(c),
                        Num.Threshold(c), PerSeed(c), VerdictText.Of(c.Outcome)]).ToList(),
                    kind == CheckKind.Claim ? Provenance([id], ctx) : null));
        }

        if (r.Metrics.Count > 0)
            blocks.Add(new Paragraph($"The record also holds {r.Metrics.Count} further measurements (its 'metrics', e.g. per-network diagonal means, " +
                                     $"training accuracy, iterations), each with every seed's value: results/{id}.json.", TextStyle.Small));

        // Figures and matrices of this record that belong to none of the paper's six figures.
        var known = PaperCatalogue.Figures.Select(f => f.Key).ToHashSet();
        foreach (var key in r.Images.Select(i => i.Figure).Where(f => !known.Contains(f)).Distinct())
        {
            var grid = BuildGrid(r.Images.Where(i => i.Figure == key).ToList());
            blocks.Add(new Figure(key, key, $"{key}, recorded by {id}.", grid,
                r.Matrices.Where(m => m.Figure == key).Select(ToHeatMap).ToList()));
        }
        var withImages = r.Images.Select(i => i.Figure).ToHashSet();
        foreach (var m in r.Matrices.Where(m => !known.Contains(m.Figure) && !withImages.Contains(m.Figure)))
            blocks.Add(ToHeatMap(m));

        return new Section(ClaimAnchor(id), $"{number} {id} — {r.Title}", blocks, 2);
    }

    // ---- 6. Methods -----------------------------------------------------------------------------------------------

    private static IReadOnlyList<Block> MethodsBlocks(IReadOnlyList<ClaimResult> ordered)
    {
        var blocks = new List<Block>
        {
            new Paragraph("Readings of details the paper leaves open", TextStyle.Subheading),
        };
        var readings = ordered.SelectMany(r => r.Readings.Select(kv => (kv.Key, kv.Value, r.Id)))
            .GroupBy(x => (x.Key, x.Value))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[g.Key.Key, g.Key.Value, string.Join(", ", g.Select(x => x.Id).Distinct())])
            .ToList();
        blocks.Add(readings.Count == 0
            ? new Paragraph("No record lists a reading.")
            : new Table("Readings", ["Detail", "Our reading", "Claims"], readings));

        blocks.Add(new Paragraph("Reductions of the quick profile", TextStyle.Subheading));
        var flat = ordered.Select(r => (r, Params: Flatten(r.Parameters))).ToList();
        var reductions = flat.SelectMany(x => x.Params.Where(p => p.Key.Contains("reduction", StringComparison.OrdinalIgnoreCase))
            .Select(p => (IReadOnlyList<string>)[x.r.Id, x.r.Profile, p.Key, p.Value])).ToList();
        blocks.Add(reductions.Count == 0
            ? new Paragraph("No record lists a reduction.")
            : new Table("Reductions", ["Claim", "Profile", "Parameter", "Value"], reductions));

        blocks.Add(new Paragraph("Parameters of each claim", TextStyle.Subheading));
        if (flat.Count == 0) blocks.Add(new Paragraph("No records."));
        foreach (var (r, ps) in flat)
            blocks.Add(ps.Count == 0
                ? new Paragraph($"{r.Id}: no parameters recorded.")
                : new Table($"Parameters{r.Id}", [$"{r.Id} parameter", "Value"], ps.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]).ToList()));
        return blocks;
    }

    /// <summary>A JSON object flattened to "a.b[0].c = value" lines, in document order; arrays of scalars stay on one line.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonObject? obj)
    {
        var list = new List<KeyValuePair<string, string>>();
        void Walk(string path, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o.Count == 0) list.Add(new(path, "{}"));
                    foreach (var (k, v) in o) Walk(path.Length == 0 ? k : $"{path}.{k}", v);
                    break;
                case JsonArray a when a.All(e => e is null or JsonValue):
                    list.Add(new(path, "[" + string.Join(", ", a.Select(Scalar)) + "]"));
                    break;
                case JsonArray a:
                    for (int i = 0; i < a.Count; i++) Walk($"{path}[{i}]", a[i]);
                    break;
                default:
                    list.Add(new(path, Scalar(node)));
                    break;
            }
        }
        if (obj is not null) Walk("", obj);
        return list;
    }

    private static string Scalar(JsonNode? n) => n switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => n.ToJsonString(),
    };

    // ---- 7. Environment -------------------------------------------------------------------------------------------

    private static IReadOnlyList<Block> EnvironmentBlocks(IReadOnlyList<ClaimResult> ordered, ReportContext ctx)
    {
        var blocks = new List<Block>
        {
            new Paragraph($"This report was generated {Date(ctx.Date)} from commit {ctx.Commit}. The records were obtained in the " +
                          "environments below (records that differ only in date share a column)."),
        };
        var groups = ordered.GroupBy(r => r.Environment with { Date = default }).ToList();
        if (groups.Count == 0)
        {
            blocks.Add(new Paragraph("No records."));
            return blocks;
        }
        string[] fields = ["Claims", "OS", "CPU", "Device", ".NET", "TorchSharp", "libtorch", "Threads", "Profile", "Seeds", "Commit", "Date"];
        foreach (var chunk in groups.Chunk(3))
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (var field in fields)
            {
                var row = new List<string> { field };
                foreach (var g in chunk)
                {
                    var e = g.Key;
                    var dates = g.Select(r => r.Environment.Date).Order().ToList();
                    row.Add(field switch
                    {
                        "Claims" => string.Join(", ", g.Select(r => r.Id)),
                        "OS" => e.Os,
                        "CPU" => e.Cpu,
                        "Device" => e.Device,
                        ".NET" => e.DotNet,
                        "TorchSharp" => e.TorchSharp,
                        "libtorch" => e.LibTorch,
                        "Threads" => e.Threads.ToString(CultureInfo.InvariantCulture),
                        "Profile" => string.Join(", ", g.Select(r => r.Profile).Distinct()),
                        "Seeds" => string.Join("; ", g.Select(r => Seeds(r.Seeds)).Distinct()),
                        "Commit" => e.Commit,
                        _ => dates[0] == dates[^1] ? Date(dates[0]) : $"{Date(dates[0])} – {Date(dates[^1])}",
                    });
                }
                rows.Add(row);
            }
            blocks.Add(new Table("Environment", ["Field", .. chunk.Select((_, i) => $"Environment {groups.IndexOf(chunk[i]) + 1}")], rows));
        }
        return blocks;
    }

    // ---- Appendix: the threshold register -------------------------------------------------------------------------

    private static IReadOnlyList<Block> RegisterBlocks(ThresholdRegister register) =>
    [
        new Paragraph($"Our pre-registration: every check's kind, metric, comparison and threshold, the date it was set and why " +
                      $"({ThresholdRegister.FileName} at the repository's root). A change appends a dated line and keeps the old one; the claims " +
                      "refuse to write a check that disagrees with its current line. All lines, oldest first:"),
        new Table("Register", ["Date", "Claim", "Check", "Kind", "Metric", "Threshold", "Reason"],
            register.Entries.Select(e => (IReadOnlyList<string>)[e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Claim, e.Check, e.Kind, e.Metric,
                e.Comparison.Length == 0 ? "—" : $"{e.Comparison} {Num.F(e.Threshold)}", e.Reason]).ToList()),
    ];

    // ---- helpers --------------------------------------------------------------------------------------------------

    public static string Date(DateTimeOffset d) => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Seeds(IReadOnlyList<int> seeds) => seeds.Count == 0 ? "none" : "{" + string.Join(", ", seeds) + "}";

    private static string PerSeed(Check c) =>
        c.PerSeed.Count <= 5 ? string.Join(", ", c.PerSeed.Select(Num.F)) : string.Join(", ", c.PerSeed.Take(5).Select(Num.F)) + $", … ({c.PerSeed.Count})";

    private static string Values(IReadOnlyList<double> values) =>
        values.Count <= 6 ? string.Join(", ", values.Select(Num.F)) : string.Join(", ", values.Take(6).Select(Num.F)) + $", … ({values.Count})";

    private static string Truncate(string s, int max)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        if (s.Length <= max) return s;
        int cut = s.LastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        return s[..cut].TrimEnd(',', ';', ':', ' ') + " …";
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
