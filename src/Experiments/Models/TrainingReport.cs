namespace Repro.Experiments.Models;

/// <summary>
/// What training reached and what it cost: <see cref="Accuracy"/> and <see cref="Loss"/> on the full test set, measured after
/// training; <see cref="ValidationAccuracy"/> and <see cref="ValidationLoss"/> at the stop, on the <see cref="ValidationSamples"/>
/// images the stopping check read; <see cref="TrainingSamples"/> images were trained on.
/// </summary>
public sealed record TrainingReport(
    double Accuracy, double Loss, double ValidationAccuracy, double ValidationLoss, int TrainingSamples, int ValidationSamples,
    double Epochs, long Steps, bool ReachedTarget, double Seconds, bool FromCache, string CacheKey);
