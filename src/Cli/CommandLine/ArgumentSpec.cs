namespace Repro.Cli.CommandLine;

/// <summary>The positional argument of a verb (only <c>data fetch</c> has one).</summary>
public sealed record ArgumentSpec(string Name, string Description, IReadOnlyList<string> Choices, string Default);
