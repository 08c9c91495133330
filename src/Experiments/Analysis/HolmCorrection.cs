namespace Repro.Experiments.Analysis;

/// <summary>
/// Holm's step-down adjustment of a family's p-values: sorted ascending, p_(i) becomes max over j ≤ i of min(1, (m − j + 1)·p_(j)),
/// with m the number of p-values. It controls the family-wise error at α for any dependence between the tests, and is never
/// less powerful than Bonferroni's m·p. A missing p (null) stays missing and does not count in m.
/// </summary>
public static class HolmCorrection
{
    public static double?[] Adjust(IReadOnlyList<double?> p)
    {
        var present = Enumerable.Range(0, p.Count).Where(i => p[i] is not null).OrderBy(i => p[i]!.Value).ThenBy(i => i).ToArray();
        int m = present.Length;
        var adjusted = new double?[p.Count];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int i = present[rank];
            running = Math.Max(running, Math.Min(1, (m - rank) * p[i]!.Value));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
