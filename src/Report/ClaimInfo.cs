namespace Repro.Report;

/// <summary>A claim of the paper as the report names it (C1…C7, as in the issues).</summary>
public sealed record ClaimInfo(string Id, string Name, IReadOnlyList<string> Figures);
