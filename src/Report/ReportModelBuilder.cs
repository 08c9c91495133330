using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.SummarySection;
using static Repro.Report.ClaimsTablesSection;
using static Repro.Report.Table1Section;
using static Repro.Report.FiguresSection;
using static Repro.Report.CostSection;
using static Repro.Report.ClaimDetailSection;
using static Repro.Report.MethodsSection;
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


    // ---- shared by the sections, and public for the tests ------------------------------------------------------------

    /// <summary>The anchor of a claim's section, where the claims tables' rows lead.</summary>
    public static string ClaimAnchor(string id) => ClaimsTablesSection.ClaimAnchor(id);

    /// <summary>What the claims table shows for a claim whose record file was refused.</summary>
    public const string InvalidRecord = ClaimsTablesSection.InvalidRecord;

    /// <inheritdoc cref="ClaimsTablesSection.MeasuredSummary"/>
    public static string MeasuredSummary(ClaimResult r) => ClaimsTablesSection.MeasuredSummary(r);

    /// <inheritdoc cref="ClaimsTablesSection.CheckText"/>
    public static string CheckText(Check c) => ClaimsTablesSection.CheckText(c);

    /// <inheritdoc cref="FiguresSection.Provenance"/>
    public static string Provenance(IReadOnlyList<string> ids, ReportContext ctx) => FiguresSection.Provenance(ids, ctx);

    /// <inheritdoc cref="FiguresSection.BuildGrid"/>
    public static ImageGrid BuildGrid(IReadOnlyList<ImageRecord> images) => FiguresSection.BuildGrid(images);

    /// <inheritdoc cref="MethodsSection.Flatten"/>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonObject? obj) => MethodsSection.Flatten(obj);

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

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
