using SkiaSharp;

namespace Repro.Report.Rendering;

/// <summary>A figure on its own as a PNG: title, the same grid as on the PDF page (labels, panels, notes), and the caption.</summary>
public static class FigurePng
{
    public const float MaxWidth = 760f;   // points; drawn at Scale pixels per point
    public const float MinWidth = 420f;
    public const float Scale = 2f;
    private const float Pad = 12f;

    public static byte[] Render(Figure figure, ReportFonts fonts)
    {
        // Lay the grid out in the widest space, then fit the page to it (a 4-column figure needs less than a 10-column one).
        var grid = FigureLayout.Grid(figure.Grid, MaxWidth - 2 * Pad, 2000, 72, fonts);
        float width = Math.Clamp(grid.Width + 2 * Pad, MinWidth, MaxWidth);
        float inner = width - 2 * Pad;
        var title = FigureLayout.Title(figure.Title, inner, fonts);
        var caption = FigureLayout.Text(figure.Caption, inner, Face.Italic, 8, PdfRenderer.Ink, fonts);
        float height = Pad + title.Height + grid.Height + 6 + caption.Height + Pad;

        var ops = new List<DrawOp>();
        ops.AddRange(title.At(Pad, Pad));
        ops.AddRange(grid.At(Pad, Pad + title.Height));
        ops.AddRange(caption.At(Pad, Pad + title.Height + grid.Height + 6));

        return Rasterise(ops, width, height, Scale, fonts);
    }

    /// <summary>Drawing operations laid out on a <paramref name="width"/> × <paramref name="height"/> point page, as a PNG on white at <paramref name="scale"/> pixels per point.</summary>
    public static byte[] Rasterise(IEnumerable<DrawOp> ops, float width, float height, float scale, ReportFonts fonts)
    {
        var info = new SKImageInfo((int)Math.Ceiling(width * scale), (int)Math.Ceiling(height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        OpsPainter.Paint(canvas, ops, fonts);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
