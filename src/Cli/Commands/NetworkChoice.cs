using System.Globalization;
using Repro.Cli.CommandLine;
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
