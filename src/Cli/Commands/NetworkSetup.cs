using System.Globalization;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Cli.Commands;

/// <summary>The network of --dataset, --arch, --optimizer, --target and --seed, as the profile specifies it.</summary>
public sealed record NetworkChoice(DatasetId Dataset, NetworkSpec Network, TrainingSpec Training)
{
    public string Describe(string datasetName) =>
        $"{datasetName} · {Network.ShortName} · {Training.Optimizer.ToString().ToUpperInvariant()} · target {Training.TargetAccuracy.ToString("0.###", CultureInfo.InvariantCulture)} · seed {Training.Seed}";

    /// <summary>Wiring only: the network and training settings come from the profile (CNN widths, epoch limits, validation subset).</summary>
    public static NetworkChoice From(ParsedCommand command, Workspace workspace)
    {
        var profile = workspace.Profile;
        var dataset = Workspace.ParseDataset(command.GetOr("--dataset", "mnist"));
        var architecture = Workspace.ParseArchitecture(command.GetOr("--arch", "fc"));
        var network = architecture == Architecture.Fc ? NetworkSpec.FcMnist : profile.Cnn(architecture == Architecture.CnnBatchNorm);
        var optimizer = command.GetOr("--optimizer", "sgd") == "adam" ? OptimizerKind.Adam : OptimizerKind.Sgd;
        var training = new TrainingSpec
        {
            Optimizer = optimizer,
            TargetAccuracy = command.GetDouble("--target") ?? 0.92,
            MaxEpochs = architecture == Architecture.Fc ? profile.FcMaxEpochs : profile.CnnMaxEpochs,
            ValidationSamples = architecture == Architecture.Fc ? null : profile.CnnValidationSamples,
            Seed = workspace.SeedFor(architecture),
        };
        return new NetworkChoice(dataset, network, training);
    }
}

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
                $"{label} acc {p.Accuracy:0.000} loss {p.Loss:0.000}"));
            var trained = trainer.TrainOrLoad(choice.Network, choice.Training, data, progress, cancel);
            bar.Complete(trained.Report.FromCache ? $"{label}: from the cache" : $"{label}: done");
            return trained;
        });
    }
}
