namespace Repro.Experiments.Bench;

/// <summary>A target of the brief beside what was measured.</summary>
public sealed record BenchTarget(string Name, string Threshold, double Measured, string Unit, bool Passed);
