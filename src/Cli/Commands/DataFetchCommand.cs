using Microsoft.Extensions.Logging;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Repro.Experiments.Data;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary><c>repro data fetch [mnist|fashion-mnist|all]</c>: DatasetStore.FetchAsync / FetchAllAsync.</summary>
public sealed class DataFetchCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console, ILogger<DataFetchCommand> logger) : CliCommand<DataFetchSettings>
{
    protected override async Task<int> RunAsync(DataFetchSettings settings, CancellationToken cancel)
    {
        var which = CliSyntax.FetchTargets.NameOf(settings.Dataset);
        var reports = await ui.RunAsync<IReadOnlyList<FetchReport>>(async bars =>
        {
            var bar = bars.Add($"data fetch {which}", 1, indeterminate: true);
            var store = workspace.Store(new Reporter<string>(message =>
            {
                logger.LogDebug("{Message}", message);
                bar.Describe(Shorten(message, 70));
            }));
            IReadOnlyList<FetchReport> result = settings.Dataset is { } dataset
                ? [await store.FetchAsync(dataset, cancel).ConfigureAwait(false)]
                : await store.FetchAllAsync(cancel).ConfigureAwait(false);
            bar.Complete($"data fetch {which}: done");
            return result;
        }).ConfigureAwait(false);

        foreach (var r in reports) console.WriteLine(r.ToString());
        if (reports.All(r => !r.WorkDone))
            console.WriteLine("No work done: every data set asked for was already in the store and verified.");
        return ExitCodes.Ok;
    }

    static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
