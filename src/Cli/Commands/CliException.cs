namespace Repro.Cli.Commands;

/// <summary>A failure the command has already put into words: printed as "error: message", with this exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
