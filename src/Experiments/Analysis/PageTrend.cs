using MathNet.Numerics.Statistics;

namespace Repro.Experiments.Analysis;

/// <summary>
/// Page's L test for an ordered trend with replication: blocks (seeds) × treatments (configurations in their predicted order).
/// Within each block the values are ranked (mid-ranks for ties, MathNet); L = Σ_blocks Σ_j j·rank_j, large when the values rise
/// with j. Under the null every block's ranking is equally likely, independently of the other blocks, so the exact distribution
/// of L is the convolution of each block's distribution over all k! orderings of its own ranks (exact with ties too, given them).
/// The one-sided p is P(L ≥ L_observed). For a falling trend, pass <c>falling: true</c>: j then runs from the last treatment.
/// </summary>
public sealed record PageTrend(double L, double P, int Blocks, int Treatments)
{
    public static PageTrend Of(IReadOnlyList<IReadOnlyList<double>> blocks, bool falling = false)
    {
        int n = blocks.Count;
        int k = n == 0 ? 0 : blocks[0].Count;
        if (n == 0 || k < 2 || k > 9 || blocks.Any(b => b.Count != k || b.Any(double.IsNaN))) return new PageTrend(double.NaN, double.NaN, n, k);
        // Doubled ranks are integers even with mid-ranks, so each distribution is a histogram over integers.
        var weights = Enumerable.Range(1, k).Select(j => falling ? k + 1 - j : j).ToArray();
        var distribution = new Dictionary<long, double> { [0] = 1 };
        long observed = 0;
        foreach (var block in blocks)
        {
            var ranks2 = Statistics.Ranks(block, RankDefinition.Average).Select(r => (long)Math.Round(2 * r)).ToArray();
            observed += Enumerable.Range(0, k).Sum(j => weights[j] * ranks2[j]);
            var one = new Dictionary<long, double>();
            int count = 0;
            foreach (var perm in SpearmanTrend.Orderings(k))
            {
                long l = Enumerable.Range(0, k).Sum(j => weights[j] * ranks2[perm[j]]);
                one[l] = one.GetValueOrDefault(l) + 1;
                count++;
            }
            var next = new Dictionary<long, double>();
            foreach (var (a, pa) in distribution)
                foreach (var (b, pb) in one)
                    next[a + b] = next.GetValueOrDefault(a + b) + pa * pb / count;
            distribution = next;
        }
        double p = distribution.Where(e => e.Key >= observed).Sum(e => e.Value);
        return new PageTrend(observed / 2.0, Math.Min(1, p), n, k);
    }
}
