namespace Repro.Experiments.Analysis;

/// <summary>
/// A check's p-value with what it answers: <see cref="Null"/> names the null hypothesis in words, and <see cref="IsBound"/> marks a
/// Monte-Carlo p at its floor 1/(N + 1), which says only "p ≤ this" (no resample was as extreme as the observed value).
/// </summary>
public sealed record PValue(double Value, bool IsBound, string Null)
{
    public static PValue Exact(double value, string nullHypothesis) => new(value, false, nullHypothesis);

    /// <summary>(1 + as extreme) / (1 + resamples); a bound when none was as extreme.</summary>
    public static PValue MonteCarlo(int asExtreme, int resamples, string nullHypothesis) =>
        new((1.0 + asExtreme) / (1.0 + resamples), asExtreme == 0, nullHypothesis);
}
