using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Experiments.Claims;

namespace Repro.Cli.Commands;

/// <summary><c>repro claims [--only C1,C4]</c>: runs the claims afresh and writes &lt;out&gt;/results/&lt;profile&gt;/&lt;id&gt;.json.</summary>
public sealed class ClaimsCommand(ClaimsSession session, ShardSession shards, Workspace workspace, CliIo io) : CliCommand<ClaimsSettings>
{
    protected override async Task<int> RunAsync(ClaimsSettings settings, CancellationToken cancel)
    {
        if (workspace.Shard is { } shard)
            return await shards.RunAsync(ShardSession.Plan(workspace, settings.Claims, study: false), shard, cancel).ConfigureAwait(false);
        var outcomes = await session.RunAsync(settings.Claims, resume: false, cancel).ConfigureAwait(false);
        return session.Print(outcomes, io.Error);
    }
}
