namespace Repro.Experiments.Models;

/// <summary>
/// How a network is trained: "up to" a validation accuracy (the paper's wording), or a maximum
/// number of epochs. Optimizer settings the paper leaves open default to Keras' defaults
/// (SGD lr 0.01 without momentum, Adam lr 0.001, batch 32), our reading of its tooling.
/// </summary>
public sealed record TrainingSpec
{
    public required OptimizerKind Optimizer { get; init; }
    public double? LearningRate { get; init; }
    public double Momentum { get; init; }
    public int BatchSize { get; init; } = 32;
    /// <summary>Stop once the validation accuracy reaches this…</summary>
    public required double TargetAccuracy { get; init; }
    /// <summary>…and, when set, the validation loss is at most this.</summary>
    public double? TargetLoss { get; init; }
    public double MaxEpochs { get; init; } = 20;
    /// <summary>Check the target every this many optimizer steps (and at the end of each epoch).</summary>
    public int EvaluateEverySteps { get; init; } = 100;
    /// <summary>
    /// How many of the last training images are held out as the validation split: never trained on, read by the stopping
    /// check. Null validates on <see cref="Data.DatasetSplit.Test"/> instead (the dummy datasets, whose test set is their
    /// training set). Defaults to <see cref="DefaultValidationHoldout"/>.
    /// </summary>
    public int? ValidationHoldout { get; init; } = DefaultValidationHoldout;
    /// <summary>How many samples of the validation split, from its first, the stopping check uses (null: all); the test-set report uses all.</summary>
    public int? ValidationSamples { get; init; }
    public int Seed { get; init; }

    /// <summary>The last 10,000 of MNIST's and Fashion-MNIST's 60,000 training images (Keras' validation_split takes the last fraction).</summary>
    public const int DefaultValidationHoldout = 10_000;

    public double EffectiveLearningRate => LearningRate ?? (Optimizer == OptimizerKind.Sgd ? 0.01 : 0.001);

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"The batch size must be positive (got {BatchSize}).");
        if (!(EffectiveLearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), "The learning rate must be positive.");
        if (TargetAccuracy is < 0 or > 1 || double.IsNaN(TargetAccuracy)) throw new ArgumentOutOfRangeException(nameof(TargetAccuracy), "The target accuracy must be in [0, 1].");
        if (!(MaxEpochs > 0)) throw new ArgumentOutOfRangeException(nameof(MaxEpochs), "The epoch limit must be positive.");
        if (EvaluateEverySteps < 1) throw new ArgumentOutOfRangeException(nameof(EvaluateEverySteps), "The evaluation interval must be positive.");
        if (ValidationHoldout is < 1)
            throw new ArgumentOutOfRangeException(nameof(ValidationHoldout), $"The validation holdout must be positive (got {ValidationHoldout}); null validates on the test set.");
        if (ValidationSamples is < 1) throw new ArgumentOutOfRangeException(nameof(ValidationSamples), "The validation sample count must be positive.");
    }

    public override string ToString() =>
        $"{Optimizer} lr={EffectiveLearningRate:g3} batch={BatchSize} target acc≥{TargetAccuracy:g3}{(TargetLoss is { } l ? $" loss≤{l:g3}" : "")} max {MaxEpochs:g3} epochs seed={Seed}";
}
