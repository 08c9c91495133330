using MathNet.Numerics.Statistics;

namespace Repro.Experiments.Analysis;

/// <summary>
/// The interval of a correlation measured once per seed: the Student-t interval of z = atanh(r) over seeds, back-transformed
/// with tanh, so that it stays inside [−1, 1]. The mean shown is the plain mean of r. A correlation of exactly ±1 (a rank
/// correlation of six items can be) is taken as ±(1 − 10⁻⁹), whose z is finite (±10.7), so one such seed widens the interval
/// instead of making it undefined.
/// </summary>
public static class FisherZInterval
{
    public const double MaxAbs = 1 - 1e-9;

    public static MeanInterval Of(IReadOnlyList<double> r, double level = MeanInterval.Level)
    {
        int n = r.Count;
        if (n == 0 || r.Any(double.IsNaN)) return new MeanInterval(double.NaN, double.NaN, double.NaN, n);
        if (r.Any(v => v is < -1 - 1e-12 or > 1 + 1e-12)) throw new ArgumentOutOfRangeException(nameof(r), "a correlation outside [−1, 1]");
        double mean = r.Mean();
        var z = MeanInterval.Of(r.Select(v => Math.Atanh(Math.Clamp(v, -MaxAbs, MaxAbs))).ToArray(), level);
        return z.HasInterval ? new MeanInterval(mean, Math.Tanh(z.Low), Math.Tanh(z.High), n) : new MeanInterval(mean, double.NaN, double.NaN, n);
    }
}
