using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Repro.Experiments.Analysis;

/// <summary>
/// The mean of per-seed values and its Student-t confidence interval, mean ± t(1 − (1 − level)/2, n − 1)·s/√n (95% unless a
/// family asks for more).
/// One value has no interval: its bounds are NaN, and a check on it can only be decided by a p-value.
/// Any NaN value makes the mean NaN (a failed measurement is never averaged away).
/// </summary>
public sealed record MeanInterval(double Mean, double Low, double High, int N)
{
    public const double Level = 0.95;

    public bool HasInterval => !double.IsNaN(Low) && !double.IsNaN(High);

    public static MeanInterval Of(IReadOnlyList<double> values, double level = Level)
    {
        int n = values.Count;
        if (n == 0 || values.Any(double.IsNaN)) return new MeanInterval(double.NaN, double.NaN, double.NaN, n);
        double mean = values.Mean();
        if (n == 1) return new MeanInterval(mean, double.NaN, double.NaN, 1);
        double half = StudentT.InvCDF(0, 1, n - 1, 1 - (1 - level) / 2) * values.StandardDeviation() / Math.Sqrt(n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }
}
