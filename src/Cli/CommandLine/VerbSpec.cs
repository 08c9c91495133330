using System.CommandLine;

namespace Repro.Cli.CommandLine;

/// <summary>A verb: its words (e.g. "data fetch") and its System.CommandLine command.</summary>
public sealed record VerbSpec(string Name, Command Command)
{
    /// <summary>The verb's own options (the global ones are the root's).</summary>
    public IReadOnlyList<Option> Options => [.. Command.Options];
}
