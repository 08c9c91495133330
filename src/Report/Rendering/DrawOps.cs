using SkiaSharp;

namespace Repro.Report.Rendering;

/// <summary>One drawing instruction of a laid-out page, in points from the page's (or figure's) top-left corner.</summary>
public abstract record DrawOp;

public sealed record TextOp(float X, float Baseline, string Text, Face Face, float Size, SKColor Color, SKTextAlign Align = SKTextAlign.Left) : DrawOp;

public sealed record RectOp(SKRect Rect, SKColor? Fill, SKColor? Stroke = null, float StrokeWidth = 0.5f) : DrawOp;

public sealed record LineOp(SKPoint From, SKPoint To, SKColor Color, float Width = 0.5f) : DrawOp;

/// <summary>A figure's panels, drawn as one embedded image (nearest sampling) of <see cref="PixelWidth"/> × <see cref="PixelHeight"/>.</summary>
public sealed record GridImageOp(SKRect Rect, int PixelWidth, int PixelHeight, IReadOnlyList<(Panel Panel, SKRectI Cell)> Cells, int BlankBorderPx) : DrawOp;

/// <summary>A heat map with colour bar, drawn by ScottPlot into the rectangle.</summary>
public sealed record HeatMapOp(SKRect Rect, HeatMap Map, HeatMapGeometry Geometry) : DrawOp;

/// <summary>A named destination (a section's anchor) at a point of the page, where links lead.</summary>
public sealed record DestinationOp(SKPoint At, string Name) : DrawOp;

/// <summary>A rectangle of the page that links to a named destination.</summary>
public sealed record LinkOp(SKRect Rect, string Name) : DrawOp;

/// <summary>Draws operations onto any Skia canvas: a PDF page (vector, selectable text) or a raster surface (PNG).</summary>
public static class OpsPainter
{
    public static void Paint(SKCanvas canvas, IEnumerable<DrawOp> ops, ReportFonts fonts)
    {
        foreach (var op in ops)
        {
            switch (op)
            {
                case TextOp t:
                    using (var font = fonts.Font(t.Face, t.Size))
                    using (var paint = new SKPaint { Color = t.Color, IsAntialias = true })
                        canvas.DrawText(t.Text, t.X, t.Baseline, t.Align, font, paint);
                    break;
                case RectOp r:
                    if (r.Fill is { } fill)
                        using (var paint = new SKPaint { Color = fill, Style = SKPaintStyle.Fill, IsAntialias = false })
                            canvas.DrawRect(r.Rect, paint);
                    if (r.Stroke is { } stroke)
                        using (var paint = new SKPaint { Color = stroke, Style = SKPaintStyle.Stroke, StrokeWidth = r.StrokeWidth, IsAntialias = true })
                            canvas.DrawRect(r.Rect, paint);
                    break;
                case LineOp l:
                    using (var paint = new SKPaint { Color = l.Color, Style = SKPaintStyle.Stroke, StrokeWidth = l.Width, IsAntialias = true })
                        canvas.DrawLine(l.From, l.To, paint);
                    break;
                case GridImageOp g:
                    using (var image = PanelImages.PaintGrid(g.PixelWidth, g.PixelHeight, g.Cells, g.BlankBorderPx))
                        canvas.DrawImage(image, g.Rect, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None), null);
                    break;
                case HeatMapOp h:
                    HeatMapPlot.Draw(canvas, h.Rect, h.Map, h.Geometry, fonts);
                    break;
                // Annotations: the PDF backend makes them destinations and links; a raster canvas ignores them.
                case DestinationOp d:
                    using (canvas.DrawNamedDestinationAnnotation(d.At, d.Name)) { }
                    break;
                case LinkOp k:
                    using (canvas.DrawLinkDestinationAnnotation(k.Rect, k.Name)) { }
                    break;
            }
        }
    }
}
