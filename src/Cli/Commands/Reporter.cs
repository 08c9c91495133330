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

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (no synchronisation context, no reordering).</summary>
public sealed class Reporter<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
