namespace Repro.Experiments.Analysis;

/// <summary>Small helpers on class × class matrices of r (rows: APs, columns: references).</summary>
public static class Matrices
{
    public static double[] Diagonal(double[][] m) => Enumerable.Range(0, m.Length).Select(i => m[i][i]).ToArray();

    public static double[][] Transpose(double[][] m) => Enumerable.Range(0, m[0].Length).Select(j => m.Select(r => r[j]).ToArray()).ToArray();

    /// <summary>Mean of the diagonal over rows without NaN (a failed attack's row is NaN).</summary>
    public static double DiagonalMean(double[][] m) => MatrixSummary.Of(m).DiagonalMean;
}
