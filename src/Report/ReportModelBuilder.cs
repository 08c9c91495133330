using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.SummarySection;
using static Repro.Report.ClaimsTablesSection;
using static Repro.Report.Table1Section;
using static Repro.Report.FiguresSection;
using static Repro.Report.CostSection;
using static Repro.Report.EnvironmentSection;
using static Repro.Report.RegisterSection;

namespace Repro.Report;

/// <summary>
/// Builds the report's document model from result records and a context. Pure: the same records and context
/// always give the same document; nothing here measures, reads the clock, or touches the disk.
/// </summary>
public static class ReportModelBuilder
{
    internal const int PaperWordsInTable = 150;
    internal const int MetricsInCaption = 6;

    /// <param name="invalid">Claim id → why its record file was refused; shown as "invalid record" instead of the claim.</param>
    public static ReportDocument Build(IReadOnlyList<ClaimResult> records, ReportContext ctx, IReadOnlyDictionary<string, string>? invalid = null)
    {
        invalid ??= new Dictionary<string, string>();
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(ctx);
        var byId = records.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.Last());
        var ids = PaperClaims.All.Select(c => c.Id)
            .Concat(records.Select(r => r.Id).Where(id => PaperClaims.Find(id) is null).Distinct().Order(StringComparer.Ordinal))
            .ToList();
        var ordered = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();

        // Section numbers first, so that the findings and the claims can name where the details are. The body is what a reviewer
        // reads, in that order; the appendices hold the dumps (per-seed values, parameters, environment, register).
        (string Anchor, string Heading)[] body =
        [
            (FindingsSection.Anchor, FindingsSection.Heading), ("Claims", "Claims: verdicts in numbers"), (Table1Section.Anchor, Table1Section.Heading),
            ("Figure1MethodAgreement", "Figure 1 — method agreement"), ("Figure2ParameterRobustness", "Figure 2 — parameter robustness"),
            ("Figures3And4ApVersusPnc", "Figures 3 and 4 — APs versus PNCs"), ("Figures5And6DummyDatasets", "Figures 5 and 6 — dummy datasets"),
            (SensitivitySection.Anchor, SensitivitySection.Heading), ("Cost", "Cost of each stage (§2.7)"), ("ClaimsInDetail", "Claims in detail"),
            (ReadingsSection.Anchor, ReadingsSection.Heading),
        ];
        (string Anchor, string Heading)[] appendices =
        [
            (ChecksAppendix.Anchor, ChecksAppendix.Heading), (MatricesAppendix.Anchor, MatricesAppendix.Heading), (ParametersAppendix.Anchor, ParametersAppendix.Heading),
            ("Environment", "Environment"), (RegisterSection.Anchor, "The threshold register"),
        ];
        var numbers = body.Select((s, i) => (s.Anchor, Number: (i + 1).ToString(CultureInfo.InvariantCulture)))
            .Concat(appendices.Select((s, i) => (s.Anchor, Number: ((char)('A' + i)).ToString())))
            .ToDictionary(x => x.Anchor, x => x.Number);
        string SectionOf(string anchor) => numbers.GetValueOrDefault(anchor, "?");
        Section Make(string anchor, IReadOnlyList<Block> blocks)
        {
            var heading = body.Concat(appendices).Single(s => s.Anchor == anchor).Heading;
            bool appendix = appendices.Any(s => s.Anchor == anchor);
            return new Section(anchor, appendix ? $"Appendix {SectionOf(anchor)} — {heading}" : $"{SectionOf(anchor)} {heading}", blocks);
        }

        var sections = new List<Section>
        {
            Make(FindingsSection.Anchor, FindingsSection.Blocks(ids, byId, ordered, invalid, ctx, SectionOf)),
            Make("Claims", [.. SummaryBlocks(ids, byId, ordered, ctx), ClaimsTable(ids, byId, invalid, ctx)]),
            Make(Table1Section.Anchor, Table1Blocks(byId, ctx)),
        };
        foreach (var (anchor, keys) in new[]
                 {
                     ("Figure1MethodAgreement", new[] { "Figure1" }), ("Figure2ParameterRobustness", ["Figure2"]),
                     ("Figures3And4ApVersusPnc", ["Figure3", "Figure4"]), ("Figures5And6DummyDatasets", ["Figure5", "Figure6"]),
                 })
            sections.Add(Make(anchor, keys.Select(key => (Block)BuildFigure(PaperCatalogue.Figures.Single(f => f.Key == key), ordered, byId, ctx, SectionOf(MatricesAppendix.Anchor))).ToList()));
        sections.Add(Make(SensitivitySection.Anchor, SensitivitySection.Blocks(ctx.Sensitivity)));
        sections.Add(Make("Cost", CostBlocks(ordered, ctx.Stages)));
        sections.Add(Make("ClaimsInDetail",
            [new Paragraph("For each claim: the paper's words, our threshold and verdict, the record it comes from, what was found where it is not [Re], " +
                           $"and its claim checks, each leading to its figure. Per-seed values, sanity checks and recorded values are in appendix {SectionOf(ChecksAppendix.Anchor)}.")]));
        int sub = 0;
        foreach (var id in ids)
            sections.Add(ClaimDetailSection.Build(id, byId.GetValueOrDefault(id), $"{SectionOf("ClaimsInDetail")}.{++sub}", invalid.GetValueOrDefault(id), ctx, SectionOf));
        // The appendices start on a page of their own, so that the body's length is a page count.
        sections.Add(Make(ReadingsSection.Anchor, [.. ReadingsSection.Blocks(ordered), new PageBreak()]));
        sections.Add(Make(ChecksAppendix.Anchor, ChecksAppendix.Blocks(ordered)));
        sections.Add(Make(MatricesAppendix.Anchor, MatricesAppendix.Blocks(ordered)));
        sections.Add(Make(ParametersAppendix.Anchor, ParametersAppendix.Blocks(ordered)));
        sections.Add(Make("Environment", EnvironmentBlocks(ordered, ctx)));
        sections.Add(Make(RegisterSection.Anchor, RegisterBlocks(ThresholdRegister.Embedded)));

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


    // ---- shared by the sections, and public for the tests ------------------------------------------------------------

    /// <summary>The anchor of a claim's section, where the claims tables' rows lead.</summary>
    public static string ClaimAnchor(string id) => ClaimsTablesSection.ClaimAnchor(id);

    /// <summary>What the claims table shows for a claim whose record file was refused.</summary>
    public const string InvalidRecord = ClaimsTablesSection.InvalidRecord;

    /// <inheritdoc cref="ClaimsTablesSection.CheckText"/>
    public static string CheckText(Check c) => ClaimsTablesSection.CheckText(c);

    /// <summary>
    /// Where a figure, table or claim came from and how to rebuild it: each record file with its SHA-256 prefix and the commit, profile,
    /// device and date that record was written with (not the report's), and the one command that regenerates it.
    /// </summary>
    public static string Provenance(IReadOnlyList<ClaimResult> records, ReportContext ctx)
    {
        var sources = records.Select(r => $"results/{r.Id}.json (" +
            (ctx.RecordSha256.TryGetValue(r.Id, out var sha) && sha.Length >= 12 ? $"sha256 {sha[..12]}; " : "") +
            $"commit {Short(r.Environment.Commit)}, profile '{r.Profile}', device {r.Environment.Device}, {Date(r.Environment.Date)})");
        return $"Source: {string.Join(", ", sources)}; rebuild: repro claims --only {string.Join(",", records.Select(r => r.Id))}, then repro report.";
    }

    /// <summary>The named destination of a figure (or of a record's own heat map), where checks link to.</summary>
    public static string FigureAnchor(string key) => "Fig_" + ReportWriter.FileName(key);

    /// <summary>
    /// Where a check's numbers are drawn: the paper's figure of its claim (Figure 4 for an F-MNIST check, Figure 5 or 6 for the tiling or
    /// overlapping dataset), else the record's own first figure; Table 1 for C3; null when the claim draws nothing.
    /// </summary>
    public static string? FigureFor(ClaimResult r, Check c)
    {
        if (r.Id == "C3") return Table1Section.Anchor;
        var keys = (PaperClaims.Find(r.Id)?.Figures ?? []).Concat(r.Images.Select(i => i.Figure)).Concat(r.Matrices.Select(m => m.Figure)).Distinct().ToList();
        if (keys.Count == 0) return null;
        string? Pick(string word, string key) => c.Name.Contains(word, StringComparison.Ordinal) && keys.Contains(key) ? key : null;
        var key = Pick("F-MNIST", "Figure4") ?? Pick("overlapping", "Figure6") ?? Pick("tiling", "Figure5") ?? keys[0];
        return FigureAnchor(key);
    }

    /// <inheritdoc cref="FiguresSection.BuildGrid"/>
    public static ImageGrid BuildGrid(IReadOnlyList<ImageRecord> images) => FiguresSection.BuildGrid(images);

    /// <inheritdoc cref="ParametersAppendix.Flatten"/>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonObject? obj) => ParametersAppendix.Flatten(obj);

    // ---- helpers --------------------------------------------------------------------------------------------------

    public static string Date(DateTimeOffset d) => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    internal static string Seeds(IReadOnlyList<int> seeds) => seeds.Count == 0 ? "none" : "{" + string.Join(", ", seeds) + "}";

    internal static string PerSeed(Check c) =>
        c.PerSeed.Count <= 5 ? string.Join(", ", c.PerSeed.Select(Num.F)) : string.Join(", ", c.PerSeed.Take(5).Select(Num.F)) + $", … ({c.PerSeed.Count})";

    internal static string Values(IReadOnlyList<double> values) =>
        values.Count <= 6 ? string.Join(", ", values.Select(Num.F)) : string.Join(", ", values.Take(6).Select(Num.F)) + $", … ({values.Count})";

    internal static string Truncate(string s, int max)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        if (s.Length <= max) return s;
        int cut = s.LastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        return s[..cut].TrimEnd(',', ';', ':', ' ') + " …";
    }

    internal static HeatMap ToHeatMap(MatrixRecord m) =>
        new(m.Figure, m.Name, m.RowLabels, m.ColumnLabels, m.Values, $"{m.Name}: {m.Summary}");

    internal static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary>The profile's reductions of the paper's setup as the record lists them (parameters.profile.Reductions); none if absent or malformed.</summary>
    internal static IReadOnlyList<string> Reductions(ClaimResult r) =>
        r.Parameters?["profile"]?["Reductions"] is JsonArray a
            ? a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
