namespace Repro.Experiments.Models;

/// <summary>Training progress: epochs done (fractional), last validation accuracy and loss.</summary>
/// <param name="Complete">False when the last check stopped once the target was out of reach: then accuracy and loss are
/// those of the images it read.</param>
public readonly record struct TrainingProgress(double Epoch, double MaxEpochs, double Accuracy, double Loss, bool Complete = true);
