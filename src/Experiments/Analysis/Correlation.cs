namespace Repro.Experiments.Analysis;

/// <summary>Pearson correlations between images, and the summaries of a class × class matrix.</summary>
public static class Correlation
{
    /// <summary>Pearson r; NaN when either image is constant (or missing).</summary>
    public static double Pearson(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Images of different sizes ({a.Length} and {b.Length} pixels) cannot be correlated.");
        if (a.Length < 2) throw new ArgumentException("Correlation needs at least two pixels.");
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length; mb /= b.Length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : double.NaN;
    }

    /// <summary>
    /// Correlation of the components of a and b orthogonal to c (all centred first): the partial
    /// correlation of a and b given c. Used for the overlapping dataset, where the AP should carry
    /// the PNC's contrast beyond the class shape itself. NaN when nothing of a or b is left beyond c
    /// (an affine copy of c): the residual is then float rounding, whose r would be meaningless.
    /// </summary>
    public static double OrthogonalTo(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c)
    {
        var ra = Residual(a, c);
        var rb = Residual(b, c);
        return ra is null || rb is null ? double.NaN : Pearson(ra, rb);
    }

    /// <summary>A residual whose norm is below this fraction of the centred image's is taken as rounding noise.</summary>
    private const double ResidualFloor = 1e-5;

    /// <summary>The centred a minus its projection on the centred c; null when (almost) nothing is left.</summary>
    private static float[]? Residual(ReadOnlySpan<float> a, ReadOnlySpan<float> c)
    {
        if (a.Length != c.Length) throw new ArgumentException("Images of different sizes.");
        double ma = 0, mc = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mc += c[i]; }
        ma /= a.Length; mc /= c.Length;
        double ac = 0, cc = 0;
        for (int i = 0; i < a.Length; i++) { ac += (a[i] - ma) * (c[i] - mc); cc += (c[i] - mc) * (c[i] - mc); }
        double k = cc > 0 ? ac / cc : 0;
        var r = new float[a.Length];
        double aa = 0, rr = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (a[i] - ma) - k * (c[i] - mc);
            r[i] = (float)d;
            aa += (a[i] - ma) * (a[i] - ma);
            rr += d * d;
        }
        return rr > ResidualFloor * ResidualFloor * aa ? r : null;
    }

    /// <summary>r(rows[i], columns[j]); a null row (a failed attack) gives a row of NaN.</summary>
    public static double[][] Matrix(IReadOnlyList<float[]?> rows, IReadOnlyList<float[]> columns) =>
        rows.Select(r => columns.Select(c => r is null ? double.NaN : Pearson(r, c)).ToArray()).ToArray();

    public static MatrixSummary Summarize(double[][] m) => MatrixSummary.Of(m);
}
