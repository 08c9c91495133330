using Repro.Experiments.Data;

namespace Repro.Experiments.Models;

/// <summary>
/// Which samples training learns from and which its stopping check reads. Training uses the first
/// <see cref="TrainingSamples"/> images of the training set; the stopping check uses <see cref="ValidationSamples"/> images from
/// <see cref="ValidationStart"/> on, of the training set (the held-out split at its end) or, when <see cref="ValidationOnTest"/>,
/// of the test set.
/// </summary>
public sealed record TrainingPartition(int TrainingSamples, bool ValidationOnTest, int ValidationStart, int ValidationSamples)
{
    /// <summary>
    /// The partition <paramref name="spec"/> asks of <paramref name="data"/>: its <see cref="TrainingSpec.ValidationHoldout"/> last training
    /// images are the validation split (null: the test set), of which the stopping check reads the first
    /// <see cref="TrainingSpec.ValidationSamples"/> (null: all).
    /// </summary>
    /// <exception cref="ArgumentException">The holdout would leave no training image.</exception>
    public static TrainingPartition Of(TrainingSpec spec, DatasetSplit data)
    {
        int n = data.Train.Count;
        if (spec.ValidationHoldout is not { } holdout)
            return new(n, true, 0, Math.Min(spec.ValidationSamples ?? data.Test.Count, data.Test.Count));
        if (holdout >= n)
            throw new ArgumentException(
                $"{nameof(TrainingSpec.ValidationHoldout)} = {holdout} must be smaller than the {n} training images of {data.Train.Name}: " +
                "it would leave none to train on (null validates on the test set instead).");
        return new(n - holdout, false, n - holdout, Math.Min(spec.ValidationSamples ?? holdout, holdout));
    }

    /// <summary>The images the stopping check reads, copied out of <paramref name="data"/>.</summary>
    public Dataset Validation(DatasetSplit data) =>
        (ValidationOnTest ? data.Test : data.Train).Subset(Enumerable.Range(ValidationStart, ValidationSamples).ToArray());

    /// <summary>The images training learns from, copied out of <paramref name="data"/>.</summary>
    public Dataset Training(DatasetSplit data) => data.Train.Take(TrainingSamples);
}
