namespace Repro.Experiments.Attacks;

/// <summary>The outcome of the attack on one sample (one ADE: adversarial example).</summary>
public sealed record AdversarialExample(
    int Target,
    float[] Initial,
    float[] Final,
    int Iterations,
    double Loss,
    double TargetConfidence,
    int PredictedLabel,
    StopReason StoppedBy)
{
    public bool Diverged => StoppedBy == StopReason.Diverged;
    /// <summary>The adversarial perturbation: final − initial.</summary>
    public float[] Perturbation() => Final.Select((v, i) => v - Initial[i]).ToArray();
}

/// <summary>The outcome of one batched attack; samples in input order.</summary>
public sealed record AttackBatchResult(IReadOnlyList<AdversarialExample> Examples, int Steps, double Seconds)
{
    public int DivergedCount => Examples.Count(e => e.Diverged);
    public int SampleIterations => Examples.Sum(e => e.Iterations);
}

/// <summary>Progress of a running attack: steps done, samples still running.</summary>
public readonly record struct AttackProgress(int Step, int MaxSteps, int Active, int Total);
