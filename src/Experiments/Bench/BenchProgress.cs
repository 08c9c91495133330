namespace Repro.Experiments.Bench;

/// <summary>Where the benchmark is, for a progress bar.</summary>
public readonly record struct BenchProgress(string Stage, int Done, int Total);
