namespace Repro.Experiments.Models;

/// <summary>Training progress: epochs done (fractional), last validation accuracy and loss.</summary>
public readonly record struct TrainingProgress(double Epoch, double MaxEpochs, double Accuracy, double Loss);
