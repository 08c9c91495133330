using MathNet.Numerics.Distributions;

namespace Repro.Experiments.Analysis;

/// <summary>
/// The exact binomial (Clopper–Pearson) interval of a proportion k/n, from the beta quantiles: lower B(α/2; k, n − k + 1),
/// upper B(1 − α/2; k + 1, n − k), with 0 and 1 at k = 0 and k = n. It never leaves [0, 1], and n of n is not certainty:
/// 5 of 5 has a one-sided 95% lower bound of 0.05^(1/5) = 0.549.
/// </summary>
public static class ClopperPearson
{
    /// <summary>The two-sided interval at <paramref name="level"/> (each tail (1 − level)/2).</summary>
    public static (double Low, double High) Of(int successes, int trials, double level = MeanInterval.Level)
    {
        if (trials <= 0 || successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), $"{successes} successes of {trials} trials");
        double tail = (1 - level) / 2;
        double low = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, tail);
        double high = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - tail);
        return (low, high);
    }

    /// <summary>The one-sided lower bound at <paramref name="confidence"/>: P(X ≥ k | π = bound) = 1 − confidence.</summary>
    public static double LowerBound(int successes, int trials, double confidence = MeanInterval.Level)
    {
        if (trials <= 0 || successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), $"{successes} successes of {trials} trials");
        return successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, 1 - confidence);
    }
}
