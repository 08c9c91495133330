using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>The paper's Figures 1–6 rebuilt from the records' images and matrices, each with its caption, key numbers and provenance.</summary>
internal static class FiguresSection
{
    /// <summary>How many of a figure's heat maps the body shows; the rest are in the matrices appendix.</summary>
    public const int HeatMapsInBody = 2;

    /// <param name="appendix">The matrices appendix's letter, named in the caption when heat maps are left to it.</param>
    internal static Figure BuildFigure(FigureInfo info, IReadOnlyList<ClaimResult> ordered, Dictionary<string, ClaimResult> byId, ReportContext ctx, string appendix)
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

        if (owners.Count > 0) caption.Add(Provenance(owners.Select(id => byId[id]).ToList(), ctx));

        var heatMaps = matrices.Select(x => ToHeatMap(x.Matrix)).ToList();
        if (heatMaps.Count > HeatMapsInBody)
            caption.Add($"The first {HeatMapsInBody} of its {heatMaps.Count} correlation matrices follow; the other {heatMaps.Count - HeatMapsInBody} are in appendix {appendix}.");
        return new Figure(info.Key, info.Title, string.Join(" ", caption), grid, heatMaps.Take(HeatMapsInBody).ToList());
    }

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

    internal static string KeyMetrics(ClaimResult r)
    {
        var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim).ToList();
        var shown = claims.Take(MetricsInCaption).Select(c => $"{c.Name}: {Num.F(c.Mean)} {Num.Interval(c)} {VerdictText.Of(c.Outcome)}").ToList();
        if (claims.Count > MetricsInCaption) shown.Add($"… ({claims.Count - MetricsInCaption} more in the section on {r.Id})");
        return $"{r.Id} {VerdictText.Of(r.Verdict)}" + (shown.Count > 0 ? ": " + string.Join("; ", shown) + "." : ".");
    }

}
