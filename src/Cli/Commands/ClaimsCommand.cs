using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Experiments.Claims;

namespace Repro.Cli.Commands;

/// <summary><c>repro claims [--only C1,C4]</c>: runs the claims afresh and writes &lt;out&gt;/results/&lt;id&gt;.json.</summary>
public sealed class ClaimsCommand(ClaimsSession session, CliIo io) : ICliCommand
{
    public async Task<int> RunAsync(ParsedCommand command, CancellationToken cancel)
    {
        var claims = ClaimCatalog.Select(command.Get("--only"));
        var outcomes = await session.RunAsync(claims, resume: false, cancel).ConfigureAwait(false);
        return session.Print(outcomes, io.Error);
    }
}
