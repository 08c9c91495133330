using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Cli.Ui;
using Repro.Experiments.Claims;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro reproduce</c>: every claim with resume (finished records of this profile and cached models are reused, so a
/// rerun after Ctrl+C continues), then the sensitivity study (resumed cell by cell), then the report. A failed claim or
/// study does not stop the rest; the report is written from whatever records exist and the exit code is 1.
/// </summary>
public sealed class ReproduceCommand(ClaimsSession session, SensitivityCommand sensitivity, ShardSession shards, Workspace workspace, IAnsiConsole console, CliIo io) : CliCommand<ReproduceSettings>
{
    protected override async Task<int> RunAsync(ReproduceSettings settings, CancellationToken cancel)
    {
        if (workspace.Shard is { } shard)
            return await shards.RunAsync(ShardSession.Plan(workspace, ClaimCatalog.All, study: true), shard, cancel).ConfigureAwait(false);
        // One progress figure and time left for the whole run: the claims, then the study's cells.
        var cells = SensitivityCommand.Names(workspace.Profile);
        var overall = new OverallProgress(ExpectedCosts.For(ReproductionRun.Units(ClaimCatalog.All, workspace.Profile, cells).Concat(SensitivityCommand.Units(workspace.Profile)),
            workspace.Profile.Name, session.LastStages()));
        var outcomes = await session.RunAsync(ClaimCatalog.All, resume: true, cancel, overall, study: true).ConfigureAwait(false);
        int code = session.Print(outcomes, io.Error);
        try
        {
            sensitivity.Print(await sensitivity.RunAsync(resume: true, cancel, session.Log, overall, session.Attacks).ConfigureAwait(false));
            session.RewriteStages();
            session.PrintWholeRun();
        }
        catch (Exception e) when (!CliApp.IsCancellation(e, cancel))
        {
            io.Error.WriteLine($"error: the sensitivity study failed: {CliApp.Describe(e)}");
            code = ExitCodes.Failed;
        }
        if (outcomes.Any(o => o.Result is not null))
            ReportCommand.Write(workspace, console, io.Error, cancel);
        else
            console.WriteLine("No report written: no claim produced a result record.");
        return code;
    }
}
