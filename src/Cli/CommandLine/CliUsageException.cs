namespace Repro.Cli.CommandLine;

/// <summary>A command line the syntax refuses; the message is one line (exit code 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);
