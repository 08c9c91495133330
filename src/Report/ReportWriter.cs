using System.Text;
using Repro.Report.Rendering;
using Repro.Results;

namespace Repro.Report;

/// <summary>
/// The report's one entry point: result records in, report.pdf, figures/*.png (the paper's figures and the sensitivity study's
/// verdict grid) and results.csv out. Every file is written atomically (a reader never sees half a file).
/// </summary>
public static class ReportWriter
{
    public const string PdfName = "report.pdf";
    public const string CsvName = "results.csv";
    public const string FiguresDir = "figures";

    /// <summary>Reads every record under <paramref name="resultsDir"/> (*.json) and writes the report to <paramref name="outDir"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string resultsDir, string outDir, ReportContext ctx)
    {
        var store = new ResultStore(resultsDir, ThresholdRegister.Embedded);
        return Write(store.ReadAll(), outDir, ctx with { RecordSha256 = store.FileHashes(), Sensitivity = store.TryReadSensitivity(), EpochsNeeded = store.TryReadEpochsNeeded() });
    }

    /// <param name="invalid">Record files that failed validation: their claims are marked "invalid record".</param>
    /// <param name="cancel">Checked between pages and files: a stopped report leaves the files it had finished, whole, and no temporary.</param>
    public static IReadOnlyList<string> Write(IReadOnlyList<ClaimResult> records, string outDir, ReportContext ctx,
        IReadOnlyList<InvalidRecordException>? invalid = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        var fonts = ReportFonts.Default;
        var refused = (invalid ?? []).Where(e => !records.Any(r => r.Id == e.FileId))
            .GroupBy(e => e.FileId).ToDictionary(g => g.Key, g => g.First().Problem);
        var doc = ReportModelBuilder.Build(records, ctx, refused);
        var written = new List<string>();
        Directory.CreateDirectory(outDir);

        var pdf = Path.Combine(outDir, PdfName);
        AtomicFile.Write(pdf, s => PdfRenderer.Render(doc, ctx, s, fonts, cancel));
        written.Add(pdf);

        var figuresDir = Path.Combine(outDir, FiguresDir);
        Directory.CreateDirectory(figuresDir);
        foreach (var figure in Figures(doc))
        {
            cancel.ThrowIfCancellationRequested();
            var png = Path.Combine(figuresDir, FileName(figure.Key) + ".png");
            AtomicFile.WriteAllBytes(png, FigurePng.Render(figure, fonts));
            written.Add(png);
        }
        // Every heat map, wherever the document shows it (beside its figure in the body, or in the matrices appendix), numbered per figure.
        foreach (var group in HeatMaps(doc).GroupBy(m => m.Figure))
        {
            int i = 0;
            foreach (var map in group)
            {
                cancel.ThrowIfCancellationRequested();
                var path = Path.Combine(figuresDir, $"{FileName(group.Key)}-heatmap{++i}.png");
                AtomicFile.WriteAllBytes(path, HeatMapPlot.Png(map, fonts, HeatMapPngSlot(map)));
                written.Add(path);
            }
        }

        // Verdict grids (the sensitivity study's matrix) as pictures beside the figures.
        foreach (var grid in doc.Sections.SelectMany(s => s.Blocks).OfType<VerdictGrid>().DistinctBy(g => g.Key))
        {
            var png = Path.Combine(figuresDir, FileName(grid.Key) + ".png");
            AtomicFile.WriteAllBytes(png, VerdictGridLayout.Png(grid, fonts));
            written.Add(png);
        }

        // The machine-readable numbers beside the PDF: one row per check (results.csv), and tidy files with one row per seed.
        foreach (var (name, text) in new[]
                 {
                     (CsvName, ResultsCsv.Build(records)), (ChecksCsv.FileName, ChecksCsv.Build(records)), (Table1Csv.FileName, Table1Csv.Build(records)),
                     (SensitivityCsv.FileName, SensitivityCsv.Build(ctx.Sensitivity)),
                 })
        {
            var path = Path.Combine(outDir, name);
            AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
            written.Add(path);
        }
        return written;
    }

    /// <summary>Every figure of the document, in document order, each key once (the paper's six always come first).</summary>
    public static IReadOnlyList<Figure> Figures(ReportDocument doc) =>
        doc.Sections.SelectMany(s => s.Blocks).OfType<Figure>().DistinctBy(f => f.Key).ToList();

    /// <summary>Every heat map of the document in document order: a figure's, and those standing alone.</summary>
    public static IReadOnlyList<HeatMap> HeatMaps(ReportDocument doc) =>
        doc.Sections.SelectMany(s => s.Blocks).SelectMany(b => b switch
        {
            Figure f => f.HeatMaps,
            HeatMap m => [m],
            _ => (IEnumerable<HeatMap>)[],
        }).ToList();

    /// <summary>"Figure1" → "figure1"; anything but letters, digits, '-' and '_' becomes '_'.</summary>
    public static string FileName(string key) =>
        new(key.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    /// <summary>Points available to a heat map's PNG: enough for 24-point cells up to 24 columns.</summary>
    private static float HeatMapPngSlot(HeatMap map) => HeatMapPlot.ToArray(map).GetLength(1) <= 12 ? 420 : 720;
}
