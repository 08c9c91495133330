using Repro.Experiments.Attacks;

namespace Repro.Experiments.Perturbations;

/// <summary>An AP (or AAI) with the ADEs behind it.</summary>
public sealed record PerturbationResult(PerturbationRequest Request, float[] Image, IReadOnlyList<AdversarialExample> Examples)
{
    public double MeanConfidence => Examples.Average(e => e.TargetConfidence);
    public double MinConfidence => Examples.Min(e => e.TargetConfidence);
    public int Diverged => Examples.Count(e => e.Diverged);
    /// <summary>The paper's blank images: the attack did not make the network see the target (mean confidence &lt; 0.5) or diverged.</summary>
    public bool Failed => Diverged > 0 || !(MeanConfidence >= 0.5);
    public IReadOnlyDictionary<StopReason, int> StoppedBy => Examples.GroupBy(e => e.StoppedBy).ToDictionary(g => g.Key, g => g.Count());
}
