namespace Repro.Experiments.Analysis;

/// <summary>
/// How far two runs of one recipe agree: the mean r between one seed's APs and every other seed's AP of the same class
/// (or setting). It bounds any comparison of APs from above — the noise ceiling. Missing (failed) APs are left out.
/// </summary>
public static class CrossSeed
{
    /// <param name="perSeed">Each seed's APs, indexed by class or setting.</param>
    /// <param name="seed">The index in <paramref name="perSeed"/> of the seed to compare with the others.</param>
    /// <returns>NaN with a single seed or no pair of APs.</returns>
    public static double Agreement(IReadOnlyList<IReadOnlyList<float[]?>> perSeed, int seed) =>
        Enumerable.Range(0, perSeed.Count).Where(o => o != seed).SelectMany(o => Enumerable.Range(0, perSeed[seed].Count)
                .Where(c => perSeed[seed][c] is not null && perSeed[o][c] is not null).Select(c => Correlation.Pearson(perSeed[seed][c]!, perSeed[o][c]!)))
            .DefaultIfEmpty(double.NaN).Average();
}
