using System.Globalization;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary><c>repro train</c>: Trainer.TrainOrLoad with the weight cache under &lt;out&gt;/models.</summary>
public sealed class TrainCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console) : CliCommand<TrainSettings>
{
    protected override async Task<int> RunAsync(TrainSettings settings, CancellationToken cancel)
    {
        var choice = NetworkChoice.From(settings.Network, workspace);
        var data = await Training.LoadDataAsync(workspace, ui, choice.Dataset, cancel).ConfigureAwait(false);
        using var trained = await Training.TrainOrLoadAsync(workspace, ui, choice, data, cancel).ConfigureAwait(false);
        var r = trained.Report;
        var name = data.Train.Name.Split('/')[0];

        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string k, string v) => grid.AddRow(new Text(k), new Text(v));
        Row("network", choice.Describe(name) + $" · profile {workspace.Profile.Name}");
        Row("test accuracy", r.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture));
        Row("test loss", r.Loss.ToString("0.0000", CultureInfo.InvariantCulture));
        Row("validation", $"accuracy {r.ValidationAccuracy.ToString("0.0000", CultureInfo.InvariantCulture)}, loss {r.ValidationLoss.ToString("0.0000", CultureInfo.InvariantCulture)} " +
            $"on {r.ValidationSamples:N0} images at the stop ({r.TrainingSamples:N0} trained on)");
        Row("epochs", $"{r.Epochs.ToString("0.00", CultureInfo.InvariantCulture)} ({r.Steps:N0} steps of batch {choice.Training.BatchSize})");
        Row("target", r.ReachedTarget
            ? $"reached (validation accuracy ≥ {choice.Training.TargetAccuracy.ToString("0.###", CultureInfo.InvariantCulture)})"
            : $"NOT reached within {choice.Training.MaxEpochs.ToString("0.##", CultureInfo.InvariantCulture)} epochs");
        Row("from cache", r.FromCache
            ? $"yes (trained earlier in {r.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)"
            : $"no, trained now in {r.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        Row("weights", Path.Combine(workspace.ModelsDir, r.CacheKey + ".weights"));
        console.Write(grid);
        return ExitCodes.Ok;
    }
}
