namespace Repro.Experiments.Attacks;

/// <summary>Attack hyperparameters, named as in the paper.</summary>
public sealed record AttackSettings
{
    /// <summary>Step size of gradient descent on the input.</summary>
    public double LearningRate { get; init; } = 0.1;
    public AttackLoss Loss { get; init; } = AttackLoss.CrossEntropy;
    public StopCondition Stop { get; init; } = new();

    public void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), $"The input learning rate must be positive (got {LearningRate}).");
        Stop.Validate();
    }

    public override string ToString() => $"lr={LearningRate:g3}, loss={Loss}, stop: {Stop}";
}
