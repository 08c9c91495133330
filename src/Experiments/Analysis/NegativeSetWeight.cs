using MathNet.Numerics;
using MathNet.Numerics.LinearRegression;
using MathNet.Numerics.Statistics;

namespace Repro.Experiments.Analysis;

/// <summary>
/// How much an AP relies on the negative set, §4.2's "equally relies on the characteristics of all other existing concepts": the
/// least-squares fit over pixels of the standardised AP as a·norm(μ_c) + b·norm(μ_¬c) + const, with the PNC's own two terms (each
/// min–max normalised, as the PNC is). The PNC itself is a = 1, b = −1, so b/a = −1 is "equally"; the class-mean rival predicts
/// b ≈ 0. <see cref="AddedR2"/> is the variance the negative term adds to the fit with norm(μ_c) alone.
/// </summary>
public sealed record NegativeSetWeight(double A, double B, double R2, double AddedR2)
{
    public static NegativeSetWeight Missing { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN);

    public static NegativeSetWeight Of(IReadOnlyList<float> ap, IReadOnlyList<double> positive, IReadOnlyList<double> negative)
    {
        int n = ap.Count;
        if (n != positive.Count || n != negative.Count) throw new ArgumentException("the AP and both mean images must have the same pixels");
        var y = ap.Select(v => (double)v).ToArray();
        double mean = y.Mean(), sd = y.StandardDeviation();
        if (!(sd > 0) || y.Any(v => !double.IsFinite(v))) return Missing;
        for (int i = 0; i < n; i++) y[i] = (y[i] - mean) / sd;
        var x = Enumerable.Range(0, n).Select(i => new[] { positive[i], negative[i] }).ToArray();
        var beta = MultipleRegression.QR(x, y, intercept: true);
        var fitted = x.Select(row => beta[0] + beta[1] * row[0] + beta[2] * row[1]).ToArray();
        double r2 = GoodnessOfFit.RSquared(fitted, y);
        double alone = Math.Pow(MathNet.Numerics.Statistics.Correlation.Pearson(positive, y), 2);
        return new NegativeSetWeight(beta[1], beta[2], r2, r2 - alone);
    }

    /// <summary>Per seed, over the classes fitted: mean a, mean b, their ratio (mean b / mean a, stable where a single class's a is small) and mean added R².</summary>
    public static (double A, double B, double Ratio, double AddedR2) Summary(IEnumerable<NegativeSetWeight> classes)
    {
        var fitted = classes.Where(w => double.IsFinite(w.A) && double.IsFinite(w.B)).ToList();
        if (fitted.Count == 0) return (double.NaN, double.NaN, double.NaN, double.NaN);
        double a = fitted.Average(w => w.A), b = fitted.Average(w => w.B);
        return (a, b, b / a, fitted.Average(w => w.AddedR2));
    }
}
