using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Repro.Report.Rendering;

/// <summary>
/// Where a heat map's parts go, in points: the plot's size, the cell size, the padding around the cells (tick labels,
/// title, colour bar), and the tick labels after a shared prefix ("Class 0", "Class 1" → "0", "1", axis title "Class").
/// </summary>
public sealed record HeatMapGeometry(
    float Width, float Height, float Cell, float PadLeft, float PadRight, float PadBottom, float PadTop, bool RotateX,
    IReadOnlyList<string> XTicks, string? XTitle, IReadOnlyList<string> YTicks, string? YTitle);

/// <summary>A labelled matrix as a ScottPlot heat map (viridis, one rectangle per cell, values written in the cells) with a colour bar.</summary>
public static class HeatMapPlot
{
    private const int MaxCellsWithText = 150;
    private const float TickSize = 6f;
    private const float AxisTitleSize = 6.5f;
    private const float TitleSize = 8f;
    private const float ColourBar = 46f;

    /// <summary>The matrix as a rectangular array; missing cells of ragged rows are NaN.</summary>
    public static double[,] ToArray(HeatMap map)
    {
        int rows = map.Values.Length;
        int cols = Math.Max(map.ColumnLabels.Count, map.Values.Select(r => r?.Length ?? 0).DefaultIfEmpty(0).Max());
        var a = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                a[i, j] = map.Values[i] is { } row && j < row.Length ? row[j] : double.NaN;
        return a;
    }

    /// <summary>The colour scale: [-1, 1] when every value is a correlation, else the data's own range.</summary>
    public static (double Min, double Max) Scale(double[,] a)
    {
        var finite = a.Cast<double>().Where(double.IsFinite).ToList();
        if (finite.Count == 0) return (-1, 1);
        double min = finite.Min(), max = finite.Max();
        if (min >= -1 && max <= 1) return (-1, 1);
        return min == max ? (min - 1, max + 1) : (min, max);
    }

    /// <summary>Labels that all share a prefix ending in a space lose it; the prefix becomes the axis title.</summary>
    public static (IReadOnlyList<string> Ticks, string? Title) SplitPrefix(IReadOnlyList<string> labels)
    {
        if (labels.Count < 2) return (labels, null);
        var first = labels[0];
        int common = first.Length;
        foreach (var l in labels.Skip(1))
        {
            int i = 0;
            while (i < common && i < l.Length && l[i] == first[i]) i++;
            common = i;
        }
        int cut = first.LastIndexOf(' ', Math.Max(0, common - 1));
        if (common == 0 || cut <= 0) return (labels, null);
        var ticks = labels.Select(l => l[(cut + 1)..]).ToList();
        if (ticks.Any(t => t.Length == 0)) return (labels, null);
        return (ticks, first[..cut].Trim());
    }

    /// <summary>The heat map's geometry within a slot <paramref name="slot"/> points wide.</summary>
    public static HeatMapGeometry Measure(HeatMap map, float slot, ReportFonts fonts)
    {
        var data = ToArray(map);
        int rows = Math.Max(1, data.GetLength(0)), cols = Math.Max(1, data.GetLength(1));
        var (xTicks, xTitle) = SplitPrefix(Enumerable.Range(0, cols).Select(j => j < map.ColumnLabels.Count ? map.ColumnLabels[j] : "").ToList());
        var (yTicks, yTitle) = SplitPrefix(Enumerable.Range(0, rows).Select(i => i < map.RowLabels.Count ? map.RowLabels[i] : "").ToList());
        float M(string s) => fonts.Measure(s, Face.Regular, TickSize);

        float padLeft = yTicks.Select(M).DefaultIfEmpty(0).Max() + 8 + (yTitle is null ? 0 : AxisTitleSize * 1.6f) + 2;
        float cell = Math.Clamp((slot - padLeft - ColourBar) / cols, 6, 24);
        float widest = xTicks.Select(M).DefaultIfEmpty(0).Max();
        bool rotate = widest > cell - 2;
        float padBottom = (rotate ? (widest + TickSize) * 0.72f + 8 : TickSize + 9) + (xTitle is null ? 0 : AxisTitleSize * 1.6f) + 2;
        float padTop = TitleSize * 1.4f + 6;
        float width = padLeft + cols * cell + ColourBar;
        if (rotate) width = Math.Max(width, padLeft + (widest + TickSize) * 0.72f); // labels hang to the left of their tick
        float height = padTop + rows * cell + padBottom;
        return new HeatMapGeometry(width, height, cell, padLeft, width - padLeft - cols * cell, padBottom, padTop, rotate, xTicks, xTitle, yTicks, yTitle);
    }

    public static void Draw(SKCanvas canvas, SKRect rect, HeatMap map, HeatMapGeometry geometry, ReportFonts fonts)
    {
        var data = ToArray(map);
        if (data.GetLength(0) == 0 || data.GetLength(1) == 0)
        {
            using var font = fonts.Font(Face.Italic, 7);
            using var paint = new SKPaint { Color = SKColors.Gray, IsAntialias = true };
            canvas.DrawText($"{map.Title}: empty matrix", rect.Left, rect.Top + 10, SKTextAlign.Left, font, paint);
            return;
        }
        using var plot = Build(map, geometry, fonts);
        canvas.Save();
        canvas.Translate(rect.Left, rect.Top);
        canvas.ClipRect(new SKRect(0, 0, rect.Width, rect.Height));
        plot.Render(canvas, (int)Math.Ceiling(rect.Width), (int)Math.Ceiling(rect.Height));
        // The title, centred over the cells, in the report's own bold face.
        using (var font = fonts.Font(Face.Bold, TitleSize))
        using (var paint = new SKPaint { Color = new SKColor(0x1A, 0x1A, 0x1A), IsAntialias = true })
        {
            float centre = geometry.PadLeft + (rect.Width - geometry.PadLeft - geometry.PadRight) / 2;
            var title = map.Title;
            while (title.Length > 4 && font.MeasureText(title) > rect.Width) title = title[..^4] + "…";
            float x = Math.Clamp(centre, font.MeasureText(title) / 2, rect.Width - font.MeasureText(title) / 2);
            canvas.DrawText(title, x, TitleSize + 2, SKTextAlign.Center, font, paint);
        }
        canvas.Restore();
    }

    /// <summary>The heat map alone as a PNG, laid out for a slot <paramref name="slot"/> points wide and drawn at <paramref name="scale"/> pixels per point.</summary>
    public static byte[] Png(HeatMap map, ReportFonts fonts, float slot, float scale = 2)
    {
        var g = Measure(map, slot, fonts);
        var info = new SKImageInfo((int)Math.Ceiling(g.Width * scale), (int)Math.Ceiling(g.Height * scale));
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        Draw(canvas, new SKRect(0, 0, g.Width, g.Height), map, g, fonts);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static Plot Build(HeatMap map, HeatMapGeometry g, ReportFonts fonts)
    {
        var data = ToArray(map);
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var plot = new Plot();
        string family = fonts.FamilyName;

        var heat = plot.Add.Heatmap(data);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        heat.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
        heat.NaNCellColor = Colors.LightGray;
        var (min, max) = Scale(data);
        heat.ManualRange = new ScottPlot.Range(min, max);

        var bar = plot.Add.ColorBar(heat);
        bar.Width = 7;
        bar.Axis.TickLabelStyle.FontName = family;
        bar.Axis.TickLabelStyle.FontSize = TickSize;
        bar.Axis.MajorTickStyle.Length = 2;
        bar.Axis.MinorTickStyle.Length = 0;

        // Row 0 of the matrix is drawn at the top: its cells sit at y = rows − 1.
        // Turned labels end one space short of their tick, so that they do not touch it.
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, cols).Select(j => (double)j).ToArray(), g.XTicks.Select(t => g.RotateX ? t + "  " : t).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i)).ToArray(), g.YTicks.ToArray());
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontName = family;
            axis.TickLabelStyle.FontSize = TickSize;
            axis.MajorTickStyle.Length = 2;
            axis.MinorTickStyle.Length = 0;
            axis.Label.FontName = family;
            axis.Label.FontSize = AxisTitleSize;
            axis.Label.Bold = false;
        }
        if (g.XTitle is not null) plot.Axes.Bottom.Label.Text = g.XTitle;
        if (g.YTitle is not null) plot.Axes.Left.Label.Text = g.YTitle;
        if (g.RotateX)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        }

        plot.Axes.Margins(0, 0);
        plot.HideGrid();
        plot.Layout.Fixed(new PixelPadding(g.PadLeft, g.PadRight, g.PadBottom, g.PadTop));

        if (rows * cols <= MaxCellsWithText)
        {
            float fontSize = Math.Clamp(g.Cell / 4.2f, 3.2f, 6.5f);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    var v = data[i, j];
                    var label = plot.Add.Text(double.IsNaN(v) ? "n/a" : v.ToString("0.00", CultureInfo.InvariantCulture), j, rows - 1 - i);
                    label.LabelFontName = family;
                    label.LabelFontSize = fontSize;
                    label.LabelAlignment = Alignment.MiddleCenter;
                    double t = double.IsNaN(v) ? 1 : (v - min) / (max - min);
                    label.LabelFontColor = t < 0.55 ? Colors.White : Colors.Black;
                }
        }
        return plot;
    }
}
