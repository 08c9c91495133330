using Microsoft.Extensions.Logging;
using Repro.Cli.Ui;
using Repro.Experiments.Claims;

using Repro.Results;
using Spectre.Console;
using Repro.Experiments.Runtime;

namespace Repro.Cli.Commands;

/// <summary>
/// Runs the claims through <see cref="ReproductionRun"/> (the run's plan on all workers, the shared experiments the claims read,
/// each as a unit of its own, then the remaining claims one at a time, so one failing claim does not stop the others), with a bar per node and per claim, and prints the id / title / verdict / key check table. Every training, attack batch, analysis step and
/// claim is recorded as a stage; the stage table goes to &lt;out&gt;/bench/stages.json and .csv.
/// </summary>
public sealed class ClaimsSession(Workspace workspace, ProgressUi ui, IAnsiConsole console, ILogger<ClaimsSession> logger)
{
    /// <summary>The stage table of the last run, once it has finished (also after a failed claim).</summary>
    public StageTable? Stages { get; private set; }

    /// <param name="overall">The whole run's progress when the claims are part of a longer run; null: the claims alone.</param>
    /// <param name="study">Whether the sensitivity study follows in this run: its cells still to run are computed into the caches
    /// with the claims' work, on the same workers, so that the study finds them there.</param>
    public async Task<IReadOnlyList<ClaimOutcome>> RunAsync(IReadOnlyList<IClaim> claims, bool resume, CancellationToken cancel, OverallProgress? overall = null, bool study = false)
    {
        if (workspace.Options.Seed is { } seed)
            logger.LogWarning("--seed {Seed} is ignored here: the claims use the profile's seeds", seed);
        var store = workspace.Store();
        var device = workspace.Device;
        var profile = workspace.Profile;
        var plan = workspace.Plan;
        // The yardstick of the stage table, measured before any parallel work (it sets libtorch's thread count while it runs).
        var rates = MatmulProbe.Measure([1, plan.Threads, Environment.ProcessorCount], cancel: cancel);
        var concurrent = MatmulProbe.MeasureConcurrent(Environment.ProcessorCount, cancel: cancel);
        var stages = new StageLog();
        var reusedClaims = new List<string>();
        Log = stages;
        _table = () => stages.ToTable(resume ? "reproduce" : "claims", profile.Name, plan.Jobs, plan.Threads, rates, reusedClaims, concurrent);
        var last = LastStages();
        overall ??= new OverallProgress(ExpectedCosts.For(ReproductionRun.Units(claims, profile), profile.Name, last));
        var nodes = SharedExperiment.InOrder(claims.SelectMany(c => c.Uses));
        var outcomes = await ui.RunAsync(bars =>
        {
            using var overallBar = new OverallBar(bars, overall);
            // One bar per unit, found by the name its progress reports under (a node's name, a claim's id) and by its unit.
            var byName = new Dictionary<string, Bar>(StringComparer.OrdinalIgnoreCase);
            var unitBars = new Dictionary<string, Bar>();
            foreach (var n in nodes) unitBars[ReproductionRun.SharedUnit(n)] = byName[n.Name] = bars.Add(n.Name, 1);
            foreach (var c in claims) unitBars[ReproductionRun.ClaimUnit(c.Id)] = byName[c.Id] = bars.Add($"{c.Id} {c.Info.Title}", 1);
            var progress = new Reporter<ClaimProgress>(p =>
            {
                if (byName.TryGetValue(p.ClaimId, out var bar))
                    bar.Set(Math.Clamp(p.Fraction, 0, 1), $"{p.ClaimId} {p.Stage}");
            });
            var notices = new Reporter<string>(m => logger.LogWarning("{Notice}", m));
            var context = new ClaimContext(profile, store, workspace.OutDir, device, progress, cancel, notices, stages);
            Attacks = context.Attacks;
            var run = new ReproductionRun(context, new Observer(overall, unitBars), expected: ExpectedCosts.Of(profile.Name, last));
            var cells = study ? new Repro.Experiments.Sensitivity.SensitivityStudy(context).Pending(resume) : null;
            var outcomes = run.Run(claims, resume, cells).Select(o => o.Error is null ? o : o with { Error = CliApp.Unwrap(o.Error) }).ToList();
            foreach (var o in outcomes.Where(o => o.Error is not null)) logger.LogDebug(o.Error, "{Claim} failed", o.Claim.Id);
            reusedClaims.AddRange(outcomes.Where(o => o.Reused).Select(o => o.Claim.Id));
            return (IReadOnlyList<ClaimOutcome>)outcomes;
        }).ConfigureAwait(false);
        // With the study to follow, the end reading waits for RewriteStages, after the study.
        Stages = study ? _table() : WithEndReading(_table());
        WriteStages(Stages);
        return outcomes;
    }

    Func<StageTable>? _table;

    /// <summary>A run's units drive the overall progress and their bars.</summary>
    private sealed class Observer(OverallProgress overall, IReadOnlyDictionary<string, Bar> bars) : IRunObserver
    {
        public void Started(string unit) => overall.Start(unit);

        public void Finished(string unit, bool reused, string summary)
        {
            overall.Finish(unit, reused);
            if (bars.TryGetValue(unit, out var bar)) bar.Complete(summary);
        }
    }

    /// <summary>The stage table the last run wrote, for the expected costs of this one; null when there is none or it does not read.</summary>
    public StageTable? LastStages() => StageTable.TryRead(Path.Combine(workspace.BenchDir, StageTable.JsonName));

    /// <summary>The stage log of the last <see cref="RunAsync"/>, for work that follows it in the same run (the sensitivity study).</summary>
    public StageLog? Log { get; private set; }

    /// <summary>The attack memo of the last <see cref="RunAsync"/>, for work that follows it in the same run (the sensitivity
    /// study's default row repeats the claims' attacks).</summary>
    public Repro.Experiments.Perturbations.AttackMemo? Attacks { get; private set; }

    /// <summary>Rebuilds the stage table from <see cref="Log"/>, with what ran after the claims, and writes it.</summary>
    public void RewriteStages()
    {
        if (_table is null) return;
        Stages = WithEndReading(_table());
        WriteStages(Stages);
    }

    /// <summary>
    /// The whole run's totals, floor and core use, once <see cref="RewriteStages"/> has added what ran after the claims: the
    /// table printed after the claims lacks the study and the end reading of the concurrent rate.
    /// </summary>
    public void PrintWholeRun()
    {
        if (Stages is not { } stages || !stages.Counted.Any()) return;
        console.WriteLine($"The whole run, the study included (written to {Path.Combine(workspace.BenchDir, StageTable.JsonName)}):");
        foreach (var line in stages.SummaryLines()) console.WriteLine(line);
        foreach (var line in StageTableView.ModelLines(stages)) console.WriteLine(line);
    }

    /// <summary>
    /// The finished table with the concurrent matmul rate measured again now the work is done (the floor takes the higher
    /// reading), after its clocks stopped. Not cancellable: it takes under a second, and a cancel then would lose the table.
    /// A table with nothing counted is not written, so it is not measured for.
    /// </summary>
    internal static StageTable WithEndReading(StageTable table) => table.Counted.Any()
        ? table with { ConcurrentMatmulAtEnd = MatmulProbe.MeasureConcurrent(Environment.ProcessorCount) }
        : table;

    /// <summary>
    /// Writes the stage table atomically, unless the run measured nothing (every claim reused): a warm rerun keeps the
    /// table of the run that did the work.
    /// </summary>
    void WriteStages(StageTable table)
    {
        if (!table.Counted.Any())
        {
            logger.LogDebug("no stage ran; {Path} is kept", Path.Combine(workspace.BenchDir, StageTable.JsonName));
            return;
        }
        AtomicFile.WriteAllText(Path.Combine(workspace.BenchDir, StageTable.JsonName), table.ToJson());
        AtomicFile.WriteAllText(Path.Combine(workspace.BenchDir, StageTable.CsvName), table.ToCsv());
    }

    /// <summary>Prints the table (when any claim produced a record) and one error line per failed claim; returns the exit code.</summary>
    public int Print(IReadOnlyList<ClaimOutcome> outcomes, TextWriter error)
    {
        if (outcomes.Any(o => o.Result is not null))
        {
            var table = new Table().AddColumn("id").AddColumn("title").AddColumn("verdict").AddColumn("key check")
                .AddColumn(new TableColumn("time").RightAligned());
            foreach (var o in outcomes)
            {
                if (o.Result is { } r)
                    table.AddRow(new Text(r.Id), new Text(r.Title), new Text(VerdictText.Of(r.Verdict) + (o.Reused ? " (earlier run)" : "")),
                        new Text(KeyCheck(r)), new Text(Repro.Report.Num.Seconds(r.WallSeconds)));
                else
                    table.AddRow(new Text(o.Claim.Id), new Text(o.Claim.Info.Title), new Text("error"), new Text(CliApp.OneLine(o.Error?.Message ?? "")), new Text(""));
            }
            console.Write(table);
        }
        if (Stages is { } stages && stages.Counted.Any())
        {
            console.WriteLine($"Stages of this run (written to {Path.Combine(workspace.BenchDir, StageTable.JsonName)} and {StageTable.CsvName}):");
            StageTableView.Write(console, stages, top: 10);
        }
        foreach (var o in outcomes.Where(o => o.Error is not null))
            error.WriteLine($"error: {o.Claim.Id} ({o.Claim.Info.Title}) failed: {CliApp.Describe(o.Error!)}");
        return outcomes.Any(o => o.Error is not null) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>The first claim check that is not [Re] (else the first claim check): "name: mean [lo, hi] p needed", and how the claim checks came out.</summary>
    public static string KeyCheck(ClaimResult r)
    {
        var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim).ToList();
        var check = claims.FirstOrDefault(c => c.Outcome != CheckOutcome.Re) ?? claims.FirstOrDefault();
        if (check is null) return r.Verdict == Verdict.NotRun ? (r.Finding ?? "") : r.Threshold;
        var text = $"{check.Name}: {Repro.Report.ReportModelBuilder.CheckText(check)} {VerdictText.Of(check.Outcome)}";
        int re = claims.Count(c => c.Outcome == CheckOutcome.Re);
        return $"{text} ({re} of {claims.Count} claim checks [Re])";
    }

}
