using Repro.Cli.Ui;
using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Cli.Commands;

/// <summary>Loads a data set and trains (or loads) a network, with progress bars.</summary>
public static class Training
{
    public static async Task<DatasetSplit> LoadDataAsync(Workspace workspace, ProgressUi ui, DatasetId id, CancellationToken cancel)
    {
        var store = workspace.Store();
        var name = store.Catalog[id].Name;
        return await ui.RunAsync(async bars =>
        {
            var bar = bars.Add($"loading {name}", 1, indeterminate: true);
            var data = await store.LoadAsync(id, cancel).ConfigureAwait(false);
            bar.Complete($"loaded {name}");
            return data;
        }).ConfigureAwait(false);
    }

    public static Task<TrainedNetwork> TrainOrLoadAsync(Workspace workspace, ProgressUi ui, NetworkChoice choice, DatasetSplit data, CancellationToken cancel)
    {
        var trainer = new Trainer(workspace.ModelsDir, workspace.Device, workspace.Notices);
        var label = $"train {choice.Network.ShortName} {data.Train.Name.Split('/')[0]}";
        return ui.RunAsync(bars =>
        {
            var bar = bars.Add(label, choice.Training.MaxEpochs, "samples", data.Train.Count);
            var progress = new Reporter<TrainingProgress>(p => bar.Set(p.Epoch,
                $"{label} acc {p.Accuracy:0.000} loss {p.Loss:0.000}{(p.Complete ? "" : " (below target; check stopped early)")}"));
            var trained = trainer.TrainOrLoad(choice.Network, choice.Training, data, progress, cancel);
            bar.Complete(trained.Report.FromCache ? $"{label}: from the cache" : $"{label}: done");
            return trained;
        });
    }
}
