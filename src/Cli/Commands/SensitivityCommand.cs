using Microsoft.Extensions.Logging;
using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Cli.Ui;
using Repro.Experiments.Claims;
using Repro.Experiments.Sensitivity;
using Repro.Results;
using Spectre.Console;
using Repro.Experiments.Runtime;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro sensitivity [--fresh]</c>: the sensitivity study, resumed cell by cell from &lt;out&gt;/results/&lt;profile&gt;/sensitivity.json
/// (unless --fresh), with a bar per cell; prints the verdict matrix with flips against the default row.
/// </summary>
public sealed class SensitivityCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console, ILogger<SensitivityCommand> logger) : CliCommand<SensitivitySettings>
{
    protected override async Task<int> RunAsync(SensitivitySettings settings, CancellationToken cancel)
    {
        var record = await RunAsync(resume: !settings.Fresh, cancel).ConfigureAwait(false);
        Print(record);
        return ExitCodes.Ok;
    }

    /// <param name="stages">Where its trainings and attacks are recorded: the claims' stage log when reproduce runs it.</param>
    /// <param name="overall">The whole run's progress when reproduce runs it; null: the study alone.</param>
    /// <param name="attacks">The claims' attack memo when reproduce runs it; null: a fresh one.</param>
    public async Task<SensitivityRecord> RunAsync(bool resume, CancellationToken cancel, Repro.Experiments.Runtime.StageLog? stages = null,
        OverallProgress? overall = null, Repro.Experiments.Perturbations.AttackMemo? attacks = null)
    {
        var store = workspace.Store();
        var names = Names(workspace.Profile);
        overall ??= new OverallProgress(ExpectedCosts.For(Units(workspace.Profile), workspace.Profile.Name,
            StageTable.TryRead(Path.Combine(workspace.BenchDir, StageTable.JsonName))));
        return await ui.RunAsync(bars =>
        {
            using var overallBar = new OverallBar(bars, overall);
            var notices = new Reporter<string>(m => logger.LogWarning("{Notice}", m));
            var barOf = names.ToDictionary(n => n, n => bars.Add($"sensitivity {n}", 1));
            var progress = new Reporter<ClaimProgress>(p =>
            {
                if (!barOf.TryGetValue(p.ClaimId, out var bar)) return;
                string unit = OverallProgress.CellUnit(p.ClaimId);
                if (p.Stage == "done")
                {
                    overall.Finish(unit);
                    bar.Complete($"sensitivity {p.ClaimId}: done");
                }
                else
                {
                    overall.Start(unit);
                    bar.Set(Math.Clamp(p.Fraction, 0, 1));
                }
            });
            var context = new ClaimContext(workspace.Profile, store, workspace.OutDir, workspace.Device, progress, cancel, notices, stages, attacks);
            var record = new SensitivityStudy(context).Run(resume);
            // Cells the study did not run were finished by an earlier run (or untouched by their reading): they cost nothing.
            foreach (var name in names) overall.Finish(OverallProgress.CellUnit(name), reused: true);
            foreach (var bar in barOf.Values) bar.Complete();
            return record;
        }).ConfigureAwait(false);
    }

    /// <summary>The study's units of work for <see cref="OverallProgress"/>: one per cell the profile's budget runs.</summary>
    public static IEnumerable<string> Units(ProfileSettings profile) => Names(profile).Select(OverallProgress.CellUnit);

    /// <summary>The cells the profile's budget runs, by name.</summary>
    public static IReadOnlyList<string> Names(ProfileSettings profile) =>
        SensitivityStudy.NamesOf(SensitivityCatalogue.Alternatives, profile.StudyClaims);

    /// <summary>The verdict matrix: a row per reading and alternative, a column per claim; "=" where the reading does not touch the claim, "*" on a flip.</summary>
    public void Print(SensitivityRecord record)
    {
        var table = new Table().AddColumn("reading").AddColumn("alternative");
        foreach (var c in record.Claims) table.AddColumn(c);
        foreach (var a in record.Alternatives)
        {
            var row = new List<string> { a.Reading, a.Name };
            foreach (var claim in record.Claims)
            {
                var cell = record.Cell(a.Reading, a.Name, claim);
                var baseline = record.DefaultCell(claim);
                row.Add(cell is null ? (!a.Claims.Contains(claim) ? "=" : record.AtBudget(claim) ? "not run" : "not tested at this budget")
                    : VerdictText.Of(cell.Verdict) + (baseline is not null && !a.IsDefault && baseline.Verdict != cell.Verdict ? " *" : ""));
            }
            table.AddRow(row.Select(s => new Text(s)).ToArray());
        }
        console.Write(table);
        console.WriteLine($"Sensitivity study: {record.Cells.Count} cells in {Repro.Report.Num.Seconds(record.WallSeconds)}; '*' marks a verdict that differs from the default row, '=' a reading that does not touch the claim.");
    }
}
