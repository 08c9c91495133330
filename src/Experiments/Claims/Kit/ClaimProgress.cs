namespace Repro.Experiments.Claims;

/// <summary>What a claim is told, by stage, while it runs.</summary>
public readonly record struct ClaimProgress(string ClaimId, string Stage, double Fraction);
