using Repro.Cli.CommandLine;

namespace Repro.Cli.Commands;

/// <summary>What a verb does, given its accepted command line. Returns the exit code.</summary>
public interface ICliCommand
{
    Task<int> RunAsync(ParsedCommand command, CancellationToken cancel);
}

/// <summary>A verb's command, given its own typed settings (the parse built them for this verb).</summary>
public abstract class CliCommand<TSettings> : ICliCommand where TSettings : VerbSettings
{
    public Task<int> RunAsync(ParsedCommand command, CancellationToken cancel) => RunAsync((TSettings)command.Settings, cancel);

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancel);
}
