using Repro.Cli.CommandLine;

namespace Repro.Cli.Commands;

/// <summary>What a verb does, given its checked command line. Returns the exit code.</summary>
public interface ICliCommand
{
    Task<int> RunAsync(ParsedCommand command, CancellationToken cancel);
}
