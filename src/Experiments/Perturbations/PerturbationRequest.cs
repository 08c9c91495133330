using Repro.Experiments.Attacks;

namespace Repro.Experiments.Perturbations;

/// <summary>One AP to make: a feed, a target class, and for AAI the number of ADEs.</summary>
public sealed record PerturbationRequest(string Label, Feed Feed, int Target, int Count = 1, StopCondition? Stop = null)
{
    public void Validate()
    {
        if (Count < 1) throw new ArgumentOutOfRangeException(nameof(Count), $"{Label}: the number of ADEs must be positive (got {Count}).");
        if (Feed != Feed.AdversarialAverage && Count != 1) throw new ArgumentException($"{Label}: zero and noise feed make one ADE per AP (got {Count}).");
        Stop?.Validate();
    }
}
