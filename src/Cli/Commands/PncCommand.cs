using System.Globalization;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Repro.Experiments.Analysis;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary><c>repro pnc</c>: each class's PNC (positive-negative contrast) of the training set: min, max, mean.</summary>
public sealed class PncCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console) : CliCommand<PncSettings>
{
    protected override async Task<int> RunAsync(PncSettings settings, CancellationToken cancel)
    {
        var id = settings.Dataset;
        var data = await Training.LoadDataAsync(workspace, ui, id, cancel).ConfigureAwait(false);
        var pncs = Pnc.Compute(data.Train);
        console.WriteLine($"PNCs (positive-negative contrast) of {data.Train.Name}, {data.Train.Count:N0} images:");
        var table = new Table()
            .AddColumn("class").AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned()).AddColumn(new TableColumn("mean").RightAligned());
        for (int c = 0; c < pncs.Length; c++)
            table.AddRow(c.ToString(CultureInfo.InvariantCulture), F(pncs[c].Min()), F(pncs[c].Max()), F(pncs[c].Average()));
        console.Write(table);
        return ExitCodes.Ok;
    }

    static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
