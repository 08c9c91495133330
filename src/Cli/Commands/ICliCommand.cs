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

/// <summary>What a verb does, given its checked command line. Returns the exit code.</summary>
public interface ICliCommand
{
    Task<int> RunAsync(ParsedCommand command, CancellationToken cancel);
}
