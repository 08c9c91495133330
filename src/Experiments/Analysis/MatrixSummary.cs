namespace Repro.Experiments.Analysis;

/// <summary>
/// Summary of a square class × class matrix of r: diagonal mean and minimum, off-diagonal mean,
/// top-1 identification (rows whose largest r is on the diagonal; chance is 1 in K), and the margin
/// (own r minus the best other r). Rows of NaN (failed attacks) are left out and counted.
/// </summary>
public sealed record MatrixSummary(int Classes, int Rows, double DiagonalMean, double DiagonalMin, double OffDiagonalMean, int Top1, double MeanMargin, double MinMargin)
{
    public int FailedRows => Classes - Rows;

    public static MatrixSummary Of(double[][] m)
    {
        int k = m.Length;
        if (k == 0 || m.Any(r => r.Length != k)) throw new ArgumentException("The matrix must be square and non-empty.");
        var diag = new List<double>();
        var off = new List<double>();
        var margins = new List<double>();
        int top1 = 0;
        for (int i = 0; i < k; i++)
        {
            if (m[i].Any(double.IsNaN)) continue;
            diag.Add(m[i][i]);
            double bestOther = double.NegativeInfinity;
            for (int j = 0; j < k; j++)
                if (j != i) { off.Add(m[i][j]); bestOther = Math.Max(bestOther, m[i][j]); }
            margins.Add(m[i][i] - bestOther);
            if (m[i][i] > bestOther) top1++;
        }
        double Avg(List<double> l) => l.Count > 0 ? l.Average() : double.NaN;
        double Min(List<double> l) => l.Count > 0 ? l.Min() : double.NaN;
        return new MatrixSummary(k, diag.Count, Avg(diag), Min(diag), Avg(off), top1, Avg(margins), Min(margins));
    }

    public override string ToString() =>
        $"diagonal mean {DiagonalMean:F3} (min {DiagonalMin:F3}), off-diagonal mean {OffDiagonalMean:F3}, top-1 {Top1}/{Classes}, margin {MeanMargin:F3} (min {MinMargin:F3})" +
        (FailedRows > 0 ? $", {FailedRows} failed" : "");
}
