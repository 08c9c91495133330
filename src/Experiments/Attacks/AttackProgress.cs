namespace Repro.Experiments.Attacks;

/// <summary>Progress of a running attack: steps done, samples still running.</summary>
public readonly record struct AttackProgress(int Step, int MaxSteps, int Active, int Total);
