namespace Repro.Experiments.Attacks;

/// <summary>The outcome of one batched attack; samples in input order.</summary>
public sealed record AttackBatchResult(IReadOnlyList<AdversarialExample> Examples, int Steps, double Seconds)
{
    public int DivergedCount => Examples.Count(e => e.Diverged);
    public int SampleIterations => Examples.Sum(e => e.Iterations);
}
