namespace Repro.Results;

/// <summary>One assertion of a claim: "metric comparison threshold", and what was measured.</summary>
public sealed record Check(string Name, string Metric, string Comparison, double Threshold, double Measured, bool Passed);
