using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Repro.Experiments.Claims;
using Repro.Results;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro budget [--max-epochs N]</c>: what budget would test the Table 1 networks the profile's epoch cap left "not tested at
/// this budget". Trains (or loads) Table 1's networks, then trains the first capped seed of each capped configuration again with
/// N epochs and writes &lt;out&gt;/results/&lt;profile&gt;/epochs-needed.json, which the report's Table 1 section shows.
/// </summary>
public sealed class BudgetCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console, ILogger<BudgetCommand> logger) : CliCommand<BudgetSettings>
{
    protected override async Task<int> RunAsync(BudgetSettings settings, CancellationToken cancel)
    {
        double maxEpochs = settings.MaxEpochs;
        var watch = Stopwatch.StartNew();
        var record = await ui.RunAsync(bars =>
        {
            var bar = bars.Add("budget: Table 1 networks, then the capped ones", 1, indeterminate: true);
            var notices = new Reporter<string>(m => logger.LogWarning("{Notice}", m));
            var context = new ClaimContext(workspace.Profile, workspace.Store(), workspace.OutDir, workspace.Device, cancel: cancel, notices: notices);
            var rows = Table1Budget.EpochsNeeded(context, maxEpochs);
            bar.Complete("budget: done");
            var r = new EpochsNeededRecord
            {
                Profile = workspace.Profile.Name, MaxEpochs = maxEpochs, Rows = rows, WallSeconds = watch.Elapsed.TotalSeconds, Environment = context.Environment(),
            };
            context.Results.Write(r);
            return r;
        }).ConfigureAwait(false);
        var table = new Table().AddColumn("network").AddColumn("seed").AddColumn("target").AddColumn("profile cap").AddColumn($"within {maxEpochs:g3} epochs");
        foreach (var row in record.Rows)
            table.AddRow(row.Network, row.Seed.ToString(CultureInfo.InvariantCulture), row.TargetAccuracy.ToString("0.00", CultureInfo.InvariantCulture),
                $"{row.ProfileCap:g3} epochs", row.Reached
                    ? $"reached after {row.Epochs.ToString("0.00", CultureInfo.InvariantCulture)} epochs"
                    : $"not reached (validation {row.ValidationAccuracy.ToString("0.0000", CultureInfo.InvariantCulture)})");
        console.Write(table);
        console.WriteLine(record.Rows.Count == 0
            ? $"No Table 1 network of the {record.Profile} profile stopped at its epoch cap short of its target."
            : $"Wrote {Path.Combine(workspace.ResultsDir, EpochsNeededRecord.FileName)}.");
        return ExitCodes.Ok;
    }
}
