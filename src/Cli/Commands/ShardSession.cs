using Microsoft.Extensions.Logging;
using Repro.Cli.Hosting;
using Repro.Cli.Ui;
using Repro.Experiments.Claims;
using Repro.Experiments.Runtime;
using Repro.Experiments.Shards;
using Repro.Results;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>reproduce --shard I/N</c> and <c>claims --shard I/N</c>: computes one shard of the run's plan into &lt;out&gt;/models and
/// &lt;out&gt;/attacks, writes the shard's stage table and its manifest (shard.json), and no record or report.
/// </summary>
public sealed class ShardSession(Workspace workspace, ProgressUi ui, IAnsiConsole console, CliIo io, ILogger<ShardSession> logger)
{
    /// <summary>The plan every machine of a matrix computes alike: the shipped reference costs, never this machine's last run.</summary>
    public static RunPlan Plan(Workspace workspace, IReadOnlyList<IClaim> claims, bool study) =>
        RunPlan.Of(workspace.Profile, claims, study, ExpectedCosts.ReferenceOnly(workspace.Profile.Name));

    public async Task<int> RunAsync(RunPlan plan, ShardIndex index, CancellationToken cancel)
    {
        var shard = plan.ShardOf(index);
        var profile = workspace.Profile;
        console.WriteLine($"Shard {shard.Label} of the {(plan.Study ? "reproduce" : "claims")} plan ({profile.Name} profile): {shard.Units.Count} unit(s), " +
                          $"{Repro.Report.Num.Seconds(shard.ExpectedSeconds)} expected on the reference machine, into {workspace.OutDir}; no record or report is written.");
        var store = workspace.Store();
        var device = workspace.Device;
        var jobs = workspace.Plan;
        var rates = MatmulProbe.Measure([1, jobs.Threads, Environment.ProcessorCount], cancel: cancel);
        var concurrent = MatmulProbe.MeasureConcurrent(Environment.ProcessorCount, cancel: cancel);
        var stages = new StageLog();
        var overall = new OverallProgress(shard.Units.Count == 0 ? new Dictionary<string, double> { ["(nothing)"] = 0.1 } : shard.Units.ToDictionary(u => u.Name, u => u.ExpectedSeconds));
        var failed = await ui.RunAsync(bars =>
        {
            using var overallBar = new OverallBar(bars, overall);
            var notices = new Reporter<string>(m => logger.LogWarning("{Notice}", m));
            var context = new ClaimContext(profile, store, workspace.OutDir, device, null, cancel, notices, stages);
            return new ShardRun(context, new Observer(overall)).Run(shard);
        }).ConfigureAwait(false);
        var table = ClaimsSession.WithEndReading(stages.ToTable($"shard {shard.Label}", profile.Name, jobs.Jobs, jobs.Threads, rates, [], concurrent));
        if (table.Counted.Any())
        {
            AtomicFile.WriteAllText(Path.Combine(workspace.BenchDir, StageTable.JsonName), table.ToJson());
            AtomicFile.WriteAllText(Path.Combine(workspace.BenchDir, StageTable.CsvName), table.ToCsv());
        }
        var manifest = ShardManifest.Of(workspace.OutDir, shard, plan.Fingerprint(index.Count), profile.Name, failed.Select(f => f.Unit.Name));
        manifest.Write(workspace.OutDir);
        console.WriteLine($"Shard {shard.Label}: {shard.Units.Count - failed.Count} of {shard.Units.Count} unit(s) computed in {Repro.Report.Num.Seconds(overall.Elapsed.TotalSeconds)}; " +
                          $"{manifest.Files.Count} cache file(s) listed in {Path.Combine(workspace.OutDir, ShardManifest.FileName)}. " +
                          $"Merge the shards' folders with 'repro merge', then run 'repro {(plan.Study ? "reproduce" : "claims")}' on the merged folder.");
        foreach (var (unit, error) in failed)
            io.Error.WriteLine($"error: {unit.Name} failed: {CliApp.Describe(CliApp.Unwrap(error))}");
        return failed.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private sealed class Observer(OverallProgress overall) : IRunObserver
    {
        public void Started(string unit) => overall.Start(unit);
        public void Finished(string unit, bool reused, string summary) => overall.Finish(unit, reused);
    }
}
