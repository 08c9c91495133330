namespace Repro.Experiments.Models;

/// <summary>
/// What a stopping check read: accuracy and mean cross-entropy over the <see cref="Evaluated"/> images it evaluated. When not
/// <see cref="Complete"/>, the check stopped as soon as the target accuracy was out of reach, and the numbers are the prefix's.
/// </summary>
public readonly record struct ValidationCheck(double Accuracy, double Loss, long Evaluated, bool Complete);
