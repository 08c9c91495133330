using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Experiments.Shards;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary><c>repro merge DIR…</c>: the shards' caches copied into --out (<see cref="CacheMerge"/>), each refusal one line on stderr.</summary>
public sealed class MergeCommand(Workspace workspace, IAnsiConsole console, CliIo io) : CliCommand<MergeSettings>
{
    protected override Task<int> RunAsync(MergeSettings settings, CancellationToken cancel)
    {
        var target = workspace.OutDir;
        foreach (var source in settings.Sources)
        {
            if (!Directory.Exists(source)) throw new CliException($"shard folder '{source}' does not exist: give the artifacts folders the shards wrote (each holds a shard.json)");
            if (Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar) == target.TrimEnd(Path.DirectorySeparatorChar))
                throw new CliException($"shard folder '{source}' is --out itself: merge the shards into another folder");
        }
        var summary = CacheMerge.Merge(settings.Sources, target, new Reporter<string>(m => io.Error.WriteLine($"warning: {m}")));
        console.WriteLine($"Merged {settings.Sources.Count} shard folder(s) into {target}: {summary.Copied} file(s) copied, {summary.Same} already there with the same results, " +
                          $"{summary.Refused} refused{(summary.Refused > 0 ? " (named above; their units are computed again)" : "")}. " +
                          "Now run 'repro reproduce' (or the 'repro claims --only …' whose shards these are) on it.");
        return Task.FromResult(ExitCodes.Ok);
    }
}
