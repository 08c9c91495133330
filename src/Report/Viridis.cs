namespace Repro.Report;

/// <summary>
/// Matplotlib's default colour map, viridis, as <c>pyplot.imshow</c> paints it: ScottPlot's viridis (the same 256
/// colours as matplotlib's listed data truncated to bytes; a rendering test pins them), indexed by matplotlib's rule.
/// </summary>
public static class Viridis
{
    static readonly ScottPlot.Colormaps.Viridis Map = new();

    /// <summary>
    /// The entry matplotlib picks for a value already normalised to [0, 1]: floor(t · 256), with t = 1 mapped to 255
    /// (as <c>Colormap.__call__</c> does). NaN has no entry: callers paint it as the background.
    /// </summary>
    public static int Index(double t)
    {
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), "NaN has no colour.");
        var i = (int)Math.Floor(t * 256);
        return Math.Clamp(i, 0, 255);
    }

    /// <summary>The colour of entry <paramref name="index"/> (0 darkest purple … 255 yellow).</summary>
    public static (byte R, byte G, byte B) Entry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 255);
        var c = Map.GetColor(index / 255.0);
        return (c.R, c.G, c.B);
    }

    public static (byte R, byte G, byte B) Color(double t) => Entry(Index(t));
}
