using MathNet.Numerics;
using MathNet.Numerics.Random;

namespace Repro.Experiments.Analysis;

/// <summary>
/// Identification by permutation: is an AP matched to its own class's reference (PNC) more closely than
/// under a random relabelling of the references? The statistic is the diagonal mean of r(AP_i, ref_j),
/// averaged over the given matrices (seeds); each permutation relabels the columns of every matrix the same way.
/// p = (1 + #{permuted ≥ observed}) / (1 + permutations), so it is never 0; when no relabelling reaches the observed value
/// it is the floor 1/(permutations + 1), a bound (<see cref="PValue.IsBound"/>).
/// </summary>
public static class PermutationTest
{
    public const int DefaultPermutations = 10_000;

    public static double DiagonalMeanP(IReadOnlyList<double[][]> matrices, int permutations = DefaultPermutations, int seed = 20261129) =>
        DiagonalMean(matrices, permutations, seed)?.Value ?? double.NaN;

    /// <summary>The p with its null and whether it is the floor; null when there is nothing to test (no matrix, or every row failed).</summary>
    public static PValue? DiagonalMean(IReadOnlyList<double[][]> matrices, int permutations = DefaultPermutations, int seed = 20261129)
    {
        if (matrices.Count == 0) return null;
        int k = matrices[0].Length;
        double Statistic(int[] perm) => matrices.Select(m => Enumerable.Range(0, k).Where(i => !m[i].Any(double.IsNaN)).Select(i => m[i][perm[i]])
            .DefaultIfEmpty(double.NaN).Average()).Average();
        var identity = Enumerable.Range(0, k).ToArray();
        double observed = Statistic(identity);
        if (double.IsNaN(observed)) return null;
        var rng = new MersenneTwister(seed);
        int atLeast = 0;
        for (int t = 0; t < permutations; t++)
            if (Statistic(Combinatorics.GeneratePermutation(k, rng)) >= observed - 1e-12) atLeast++;
        return PValue.MonteCarlo(atLeast, permutations, $"random relabelling of the references, the same for every seed ({permutations:N0} relabellings)");
    }
}
