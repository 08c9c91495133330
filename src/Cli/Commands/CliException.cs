using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using static TorchSharp.torch;

namespace Repro.Cli.Commands;

/// <summary>A failure the command has already put into words: printed as "error: message", with this exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
