using SkiaSharp;

namespace Repro.Report.Rendering;

/// <summary>
/// Image panels painted as matplotlib's <c>pyplot.imshow</c> paints them by default: each panel min–max normalised
/// on its own, viridis, nearest neighbour (every image pixel becomes a k × k block of identical pixels, k an integer).
/// </summary>
public static class PanelImages
{
    public static readonly SKColor BlankBorder = new(0x99, 0x99, 0x99);

    /// <summary>
    /// Values scaled to [0, 1] by the panel's own minimum and maximum (NaN ignored, and kept NaN). A constant panel maps
    /// to 0, as matplotlib's Normalize does when vmin == vmax.
    /// </summary>
    public static double[] Normalise(float[] pixels)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in pixels)
        {
            if (float.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var result = new double[pixels.Length];
        double range = (double)max - min;
        for (int i = 0; i < pixels.Length; i++)
        {
            var v = pixels[i];
            result[i] = float.IsNaN(v) ? double.NaN : range > 0 && double.IsFinite(range) ? (v - (double)min) / range : 0;
        }
        return result;
    }

    /// <summary>The panel's colours, one per image pixel, row-major; NaN pixels white (matplotlib leaves them transparent).</summary>
    public static SKColor[] Colours(Panel panel)
    {
        if (panel.Pixels is null) return [];
        var t = Normalise(panel.Pixels);
        var colours = new SKColor[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            if (double.IsNaN(t[i])) { colours[i] = SKColors.White; continue; }
            var (r, g, b) = Viridis.Color(t[i]);
            colours[i] = new SKColor(r, g, b);
        }
        return colours;
    }

    /// <summary>
    /// Paints a whole grid as one image. <paramref name="cells"/> gives each panel's cell in image pixels; the panel is
    /// upscaled by the largest integer factor that fits the cell, centred; blank panels become a white box with a grey border.
    /// </summary>
    public static SKImage PaintGrid(int width, int height, IReadOnlyList<(Panel Panel, SKRectI Cell)> cells, int blankBorderPx)
    {
        width = Math.Max(1, width);
        height = Math.Max(1, height);
        var rgba = new uint[width * height];
        Array.Fill(rgba, Pack(SKColors.White));
        void Fill(int x0, int y0, int w, int h, uint colour)
        {
            int x1 = Math.Min(width, x0 + w), y1 = Math.Min(height, y0 + h);
            x0 = Math.Max(0, x0);
            y0 = Math.Max(0, y0);
            for (int y = y0; y < y1; y++)
                if (x1 > x0) rgba.AsSpan(y * width + x0, x1 - x0).Fill(colour);
        }
        foreach (var (panel, cell) in cells)
        {
            if (panel.Blank || panel.Height <= 0 || panel.Width <= 0)
            {
                Fill(cell.Left, cell.Top, cell.Width, cell.Height, Pack(BlankBorder));
                int b = blankBorderPx;
                Fill(cell.Left + b, cell.Top + b, cell.Width - 2 * b, cell.Height - 2 * b, Pack(SKColors.White));
                continue;
            }
            int k = Math.Max(1, Math.Min(cell.Width / panel.Width, cell.Height / panel.Height));
            int ox = cell.Left + (cell.Width - k * panel.Width) / 2;
            int oy = cell.Top + (cell.Height - k * panel.Height) / 2;
            var colours = Colours(panel);
            for (int py = 0; py < panel.Height; py++)
                for (int px = 0; px < panel.Width; px++)
                    Fill(ox + px * k, oy + py * k, k, k, Pack(colours[py * panel.Width + px]));
        }
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        return SKImage.FromPixelCopy(info, System.Runtime.InteropServices.MemoryMarshal.AsBytes(rgba.AsSpan()), width * 4);
    }

    /// <summary>A colour as the 32-bit word of an RGBA8888 pixel in memory (little-endian: R first).</summary>
    private static uint Pack(SKColor c) => BitConverter.IsLittleEndian
        ? (uint)(c.Red | c.Green << 8 | c.Blue << 16 | 0xFF << 24)
        : (uint)(c.Red << 24 | c.Green << 16 | c.Blue << 8 | 0xFF);
}
