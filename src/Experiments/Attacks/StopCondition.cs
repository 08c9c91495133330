namespace Repro.Experiments.Attacks;

/// <summary>
/// The disjunctive stop condition of §2.1, evaluated per sample: the attack on a sample stops when
/// its loss ≤ MaxLoss, OR its target confidence ≥ MinConfidence, OR it has had MaxIterations steps.
/// A null threshold is not part of the disjunction. <see cref="UntilPredicted"/> adds "OR the network predicts the target"
/// (C10's image feed: the first iteration at which a natural image is classified as the other class).
/// </summary>
public sealed record StopCondition(double? MaxLoss = null, double? MinConfidence = null, int MaxIterations = 1000, bool UntilPredicted = false)
{
    public static StopCondition Iterations(int maxIterations) => new(null, null, maxIterations);

    /// <summary>Stop at the first iteration whose prediction is the target, or after <paramref name="maxIterations"/>.</summary>
    public static StopCondition FirstPrediction(int maxIterations) => new(null, null, maxIterations, UntilPredicted: true);

    public void Validate()
    {
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), $"The iteration limit must be positive (got {MaxIterations}).");
        if (MaxLoss is { } l && (double.IsNaN(l) || l < 0)) throw new ArgumentOutOfRangeException(nameof(MaxLoss), $"The loss threshold must be non-negative (got {l}).");
        if (MinConfidence is { } c && (double.IsNaN(c) || c <= 0 || c > 1)) throw new ArgumentOutOfRangeException(nameof(MinConfidence), $"The confidence threshold must be in (0, 1] (got {c}).");
    }

    public override string ToString() =>
        string.Join(" OR ", new[]
        {
            MaxLoss is { } l ? $"loss ≤ {l:g3}" : null,
            MinConfidence is { } c ? $"confidence ≥ {c:g3}" : null,
            UntilPredicted ? "prediction = target" : null,
            $"iterations ≥ {MaxIterations}",
        }.Where(s => s is not null));
}
