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
