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
    public static NetworkChoice From(NetworkSettings settings, Workspace workspace)
    {
        var profile = workspace.Profile;
        var architecture = settings.Architecture;
        var network = architecture == Architecture.Fc ? NetworkSpec.FcMnist : profile.Cnn(architecture == Architecture.CnnBatchNorm);
        var training = new TrainingSpec
        {
            Optimizer = settings.Optimizer,
            TargetAccuracy = settings.Target,
            MaxEpochs = architecture == Architecture.Fc ? profile.FcMaxEpochs : profile.CnnMaxEpochs,
            ValidationSamples = architecture == Architecture.Fc ? null : profile.CnnValidationSamples,
            Seed = workspace.SeedFor(architecture),
        };
        return new NetworkChoice(settings.Dataset, network, training);
    }
}
