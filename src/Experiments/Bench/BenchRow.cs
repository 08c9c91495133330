namespace Repro.Experiments.Bench;

/// <summary>One line of the benchmark's table: a group letter (a–f), what, the value and how it was obtained.</summary>
public sealed record BenchRow(string Group, string Measurement, string Value, string Detail, string? Target = null, bool? Passed = null);
