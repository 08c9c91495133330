namespace Repro.Experiments.Analysis;

/// <summary>
/// The Mann–Whitney comparison of two small samples, exactly: U counts the pairs (x, y) with x &gt; y (a tie counts ½), the
/// AUC is U / (n_x n_y), and the one-sided p that x lies above y is the share of all C(n_x + n_y, n_x) ways of splitting the
/// pooled values into the two groups whose U is at least the observed — the combinatorial null, enumerated, no approximation.
/// With 5 against 5 and complete separation, p = 1/252.
/// </summary>
public static class MannWhitney
{
    /// <summary>Above this pooled size the 2ⁿ enumeration is refused.</summary>
    public const int MaxPooled = 24;

    public static double U(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Concat(y).Any(double.IsNaN)) return double.NaN;
        double u = 0;
        foreach (var a in x)
            foreach (var b in y)
                u += a > b ? 1 : a == b ? 0.5 : 0;
        return u;
    }

    /// <summary>U / (n_x n_y): the probability that a value of x exceeds one of y (ties count ½).</summary>
    public static double Auc(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        x.Count == 0 || y.Count == 0 ? double.NaN : U(x, y) / (x.Count * (double)y.Count);

    /// <summary>One-sided exact p that <paramref name="x"/> lies above <paramref name="y"/>.</summary>
    public static double ExactUpperP(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count + y.Count;
        if (x.Count == 0 || y.Count == 0) throw new ArgumentException("Both samples need at least one value.");
        if (n > MaxPooled) throw new ArgumentException($"The exact test enumerates every split; {n} values are more than {MaxPooled}.");
        double observed = U(x, y);
        if (double.IsNaN(observed)) return double.NaN;
        var pooled = x.Concat(y).ToArray();
        long splits = 0, atLeast = 0;
        var first = new List<double>(x.Count);
        var second = new List<double>(y.Count);
        for (int mask = 0; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != x.Count) continue;
            first.Clear();
            second.Clear();
            for (int i = 0; i < n; i++) (((mask >> i) & 1) == 1 ? first : second).Add(pooled[i]);
            splits++;
            if (U(first, second) >= observed - 1e-9) atLeast++;
        }
        return atLeast / (double)splits;
    }
}
