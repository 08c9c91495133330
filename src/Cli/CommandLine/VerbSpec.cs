namespace Repro.Cli.CommandLine;

/// <summary>A verb: its words (e.g. "data fetch"), its own options and what it does.</summary>
public sealed record VerbSpec(string Name, string Summary, string Description, IReadOnlyList<OptionSpec> Options)
{
    public ArgumentSpec? Argument { get; init; }
    public IReadOnlyList<string> Examples { get; init; } = [];
}
