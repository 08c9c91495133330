using MathNet.Numerics.Statistics;
using MathCorrelation = MathNet.Numerics.Statistics.Correlation;

namespace Repro.Experiments.Analysis;

/// <summary>
/// A monotone trend between a rank (e.g. model complexity) and a value (e.g. clarity): Spearman's ρ and its
/// exact one-sided p under the null of exchangeable values, P(ρ_π ≤ ρ) over all n! orderings of the values
/// (n ≤ 9). For six configurations, ρ &lt; 0 alone happens half the time by chance; the p says how often a
/// ρ this low does.
/// </summary>
public sealed record SpearmanTrend(double Rho, double PFalling, int N)
{
    public static SpearmanTrend Of(IReadOnlyList<double> rank, IReadOnlyList<double> values)
    {
        int n = rank.Count;
        if (n != values.Count || n < 3 || n > 9 || rank.Concat(values).Any(double.IsNaN)) return new SpearmanTrend(double.NaN, double.NaN, n);
        double rho = MathCorrelation.Spearman(rank, values);
        int total = 0, atMost = 0;
        foreach (var perm in Orderings(n))
        {
            total++;
            if (MathCorrelation.Spearman(rank, perm.Select(i => values[i])) <= rho + 1e-12) atMost++;
        }
        return new SpearmanTrend(rho, atMost / (double)total, n);
    }

    /// <summary>Every ordering of 0 … n − 1 exactly once (lexicographic next-permutation).</summary>
    internal static IEnumerable<int[]> Orderings(int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        // Lexicographic next-permutation: every ordering exactly once.
        while (true)
        {
            yield return (int[])a.Clone();
            int i = n - 2;
            while (i >= 0 && a[i] >= a[i + 1]) i--;
            if (i < 0) yield break;
            int j = n - 1;
            while (a[j] <= a[i]) j--;
            (a[i], a[j]) = (a[j], a[i]);
            Array.Reverse(a, i + 1, n - i - 1);
        }
    }
}
