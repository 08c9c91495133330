using SkiaSharp;

namespace Repro.Report.Rendering;

/// <summary>A laid-out block: drawing operations relative to its top-left corner, and its height.</summary>
public sealed record LaidOut(IReadOnlyList<DrawOp> Ops, float Height, float Width = 0)
{
    public IEnumerable<DrawOp> At(float x, float y) => Ops.Select(op => Shift(op, x, y));

    public static DrawOp Shift(DrawOp op, float dx, float dy) => op switch
    {
        TextOp t => t with { X = t.X + dx, Baseline = t.Baseline + dy },
        RectOp r => r with { Rect = Offset(r.Rect, dx, dy) },
        LineOp l => l with { From = new SKPoint(l.From.X + dx, l.From.Y + dy), To = new SKPoint(l.To.X + dx, l.To.Y + dy) },
        GridImageOp g => g with { Rect = Offset(g.Rect, dx, dy) },
        HeatMapOp h => h with { Rect = Offset(h.Rect, dx, dy) },
        _ => op,
    };

    private static SKRect Offset(SKRect r, float dx, float dy) => new(r.Left + dx, r.Top + dy, r.Right + dx, r.Bottom + dy);
}

/// <summary>
/// Lays out a figure's title and image grid: row labels at left, column labels on top, one embedded image for all panels,
/// notes (if any) under their panels. Used alike for the PDF page and the figure's PNG.
/// </summary>
public static class FigureLayout
{
    public const float TitleSize = 10f;
    public const float LabelSize = 7f;
    public const float NoteSize = 5.5f;
    public const float Gap = 3f;
    private const float PixelsPerPoint = 4f;
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Grey = new(0x55, 0x55, 0x55);

    public static LaidOut Title(string title, float width, ReportFonts fonts)
    {
        var lines = TextWrap.Wrap(title, width, s => fonts.Measure(s, Face.Bold, TitleSize));
        var ops = new List<DrawOp>();
        float y = 0;
        foreach (var line in lines)
        {
            y += TitleSize * 1.25f;
            ops.Add(new TextOp(0, y - TitleSize * 0.3f, line, Face.Bold, TitleSize, Ink));
        }
        return new LaidOut(ops, y + 4);
    }

    /// <summary>The grid within <paramref name="width"/>, its panels at most <paramref name="maxPanel"/> wide, the whole at most <paramref name="maxHeight"/> tall.</summary>
    public static LaidOut Grid(ImageGrid grid, float width, float maxHeight, float maxPanel, ReportFonts fonts)
    {
        if (grid.IsEmpty)
        {
            var box = new SKRect(0, 0, width, 40);
            return new LaidOut(
            [
                new RectOp(box, new SKColor(0xF4, 0xF4, 0xF4), new SKColor(0xBB, 0xBB, 0xBB)),
                new TextOp(width / 2, 24, "No images recorded for this figure (not run).", Face.Italic, 8, Grey, SKTextAlign.Center),
            ], 40, width);
        }

        int rows = grid.RowLabels.Count, cols = grid.ColumnLabels.Count;
        float Measure(string s, float size, Face face = Face.Regular) => fonts.Measure(s, face, size);

        float rowLabelWidth = Math.Clamp(grid.RowLabels.Select(l => Measure(l, LabelSize)).DefaultIfEmpty(0).Max() + 6, 24, width * 0.28f);
        var drawn = grid.Panels.Where(p => !p.Blank && p.Height > 0 && p.Width > 0).ToList();
        int maxW = drawn.Select(p => p.Width).DefaultIfEmpty(1).Max();
        int maxH = drawn.Select(p => p.Height).DefaultIfEmpty(1).Max();
        float aspect = (float)maxH / maxW;

        float s = Math.Min(maxPanel, (width - rowLabelWidth - (cols - 1) * Gap) / cols);
        float header = 0, notesTotal = 0;
        float[] noteHeights = new float[rows];
        for (int pass = 0; pass < 2; pass++)
        {
            header = HeaderHeight(grid, s, fonts);
            noteHeights = NoteHeights(grid, s, fonts);
            notesTotal = noteHeights.Sum();
            float height = header + rows * s * aspect + notesTotal + (rows - 1) * Gap;
            if (height <= maxHeight) break;
            s = Math.Max(8, (maxHeight - header - notesTotal - (rows - 1) * Gap) / (rows * aspect));
        }
        float cellH = s * aspect;

        var ops = new List<DrawOp>();
        // Column labels, centred above their column, bottom-aligned.
        for (int c = 0; c < cols; c++)
        {
            var lines = TextWrap.Wrap(grid.ColumnLabels[c], s + Gap - 1, t => Measure(t, LabelSize));
            float cx = rowLabelWidth + c * (s + Gap) + s / 2;
            for (int i = 0; i < lines.Count; i++)
            {
                float baseline = header - 3 - (lines.Count - 1 - i) * LabelSize * 1.2f;
                ops.Add(new TextOp(cx, baseline, lines[i], Face.Regular, LabelSize, Ink, SKTextAlign.Center));
            }
        }

        // Row tops (in points, relative to the grid image's top).
        var rowTop = new float[rows];
        for (int r = 1; r < rows; r++) rowTop[r] = rowTop[r - 1] + cellH + noteHeights[r - 1] + Gap;
        float imageHeight = rowTop[rows - 1] + cellH + noteHeights[rows - 1];
        float imageWidth = cols * s + (cols - 1) * Gap;

        // Row labels at left, centred on their row of panels.
        for (int r = 0; r < rows; r++)
        {
            var lines = TextWrap.Wrap(grid.RowLabels[r], rowLabelWidth - 5, t => Measure(t, LabelSize));
            float block = lines.Count * LabelSize * 1.2f;
            float top = header + rowTop[r] + (cellH - block) / 2;
            for (int i = 0; i < lines.Count; i++)
                ops.Add(new TextOp(0, top + (i + 1) * LabelSize * 1.2f - LabelSize * 0.3f, lines[i], Face.Regular, LabelSize, Ink));
        }

        // One bitmap for every panel: each image pixel a k × k block.
        int k = Math.Max(1, (int)Math.Ceiling(PixelsPerPoint * s / maxW));
        int cellPxW = k * maxW, cellPxH = k * maxH;
        float pxPerPt = cellPxW / s;
        var cells = new List<(Panel, SKRectI)>();
        int bmpW = 0, bmpH = 0;
        foreach (var p in grid.Panels)
        {
            int left = (int)Math.Round(p.Column * (s + Gap) * pxPerPt);
            int top = (int)Math.Round(rowTop[p.Row] * pxPerPt);
            cells.Add((p, new SKRectI(left, top, left + cellPxW, top + cellPxH)));
        }
        bmpW = Math.Max((int)Math.Round(imageWidth * pxPerPt), cells.Max(c => c.Item2.Right));
        bmpH = Math.Max((int)Math.Round(imageHeight * pxPerPt), cells.Max(c => c.Item2.Bottom));
        var rect = new SKRect(rowLabelWidth, header, rowLabelWidth + bmpW / pxPerPt, header + bmpH / pxPerPt);
        int border = Math.Max(1, (int)Math.Round(0.6f * pxPerPt));
        ops.Add(new GridImageOp(rect, bmpW, bmpH, cells, border));

        // Notes under their panels.
        foreach (var p in grid.Panels.Where(p => !string.IsNullOrEmpty(p.Note)))
        {
            var lines = TextWrap.Wrap(p.Note!, s + Gap - 1, t => Measure(t, NoteSize)).Take(3).ToList();
            float cx = rowLabelWidth + p.Column * (s + Gap) + s / 2;
            for (int i = 0; i < lines.Count; i++)
                ops.Add(new TextOp(cx, header + rowTop[p.Row] + cellH + (i + 1) * NoteSize * 1.2f, lines[i], Face.Regular, NoteSize, Grey, SKTextAlign.Center));
        }

        return new LaidOut(ops, header + imageHeight + 2, rect.Right);
    }

    private static float HeaderHeight(ImageGrid grid, float s, ReportFonts fonts)
    {
        int lines = grid.ColumnLabels.Select(l => TextWrap.Wrap(l, s + Gap - 1, t => fonts.Measure(t, Face.Regular, LabelSize)).Count).DefaultIfEmpty(1).Max();
        return lines * LabelSize * 1.2f + 4;
    }

    private static float[] NoteHeights(ImageGrid grid, float s, ReportFonts fonts)
    {
        var h = new float[grid.RowLabels.Count];
        foreach (var p in grid.Panels.Where(p => !string.IsNullOrEmpty(p.Note)))
        {
            int lines = Math.Min(3, TextWrap.Wrap(p.Note!, s + Gap - 1, t => fonts.Measure(t, Face.Regular, NoteSize)).Count);
            h[p.Row] = Math.Max(h[p.Row], lines * NoteSize * 1.2f + 2);
        }
        return h;
    }

    /// <summary>Wrapped text as operations; returns the height used.</summary>
    public static LaidOut Text(string text, float width, Face face, float size, SKColor color, ReportFonts fonts, float leading = 1.3f)
    {
        var lines = TextWrap.Wrap(text, width, t => fonts.Measure(t, face, size));
        var ops = new List<DrawOp>();
        float lh = size * leading;
        for (int i = 0; i < lines.Count; i++)
            ops.Add(new TextOp(0, (i + 1) * lh - size * 0.3f, lines[i], face, size, color));
        return new LaidOut(ops, lines.Count * lh);
    }
}
