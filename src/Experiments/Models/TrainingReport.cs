namespace Repro.Experiments.Models;

/// <summary>What training reached (accuracy and loss on the full test set) and what it cost.</summary>
public sealed record TrainingReport(
    double Accuracy, double Loss, double Epochs, long Steps, bool ReachedTarget, double Seconds, bool FromCache, string CacheKey);
