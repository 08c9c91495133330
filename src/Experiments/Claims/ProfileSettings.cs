using System.Text.Json.Nodes;
using Repro.Experiments.Models;

namespace Repro.Experiments.Claims;

/// <summary>
/// An experiment profile: configuration, never a branch in the science code. `quick` fits a 2-core
/// CPU in CI; `paper` is the paper's own parameters (meant for a GPU). Every place where quick
/// departs from the paper is named in <see cref="Reductions"/> and saved in each result file.
/// </summary>
public sealed record ProfileSettings
{
    public required string Name { get; init; }
    /// <summary>Seeds for the FC networks on MNIST / Fashion-MNIST (C1, C2, C4).</summary>
    public required int[] FcSeeds { get; init; }
    public required int[] CnnSeeds { get; init; }
    public required int[] DummySeeds { get; init; }
    /// <summary>Iterations of the attack for Figures 1, 3, 4 (the paper: 1,000).</summary>
    public int Iterations { get; init; } = 1000;
    /// <summary>ADEs per AAI in Figure 1 (the paper: 30).</summary>
    public int AaiAdes { get; init; } = 30;
    /// <summary>AAI sizes of Figure 2 (the paper: 10, 100, 1000).</summary>
    public int[] Figure2AaiAdes { get; init; } = [10, 100, 1000];
    /// <summary>Iteration cap for Figure 2's confidence and loss stops: high enough that the named condition stops each run.</summary>
    public int Figure2IterationCap { get; init; } = 100_000;
    /// <summary>Divide the CNN's widths by this (1 = the paper's [128, 256] / [512, 256]).</summary>
    public int CnnWidthDivisor { get; init; } = 1;
    public double FcMaxEpochs { get; init; } = 30;
    public double CnnMaxEpochs { get; init; } = 30;
    /// <summary>Samples of the test set used for the stopping check of CNN training (null: all 10,000).</summary>
    public int? CnnValidationSamples { get; init; }
    /// <summary>Noise σ of noise feed and AAI.</summary>
    public double NoiseSigma { get; init; } = 0.3;
    /// <summary>Learning rate of the attack on the input.</summary>
    public double AttackLearningRate { get; init; } = 0.1;
    /// <summary>Largest number of ADEs in one attack tensor (memory bound).</summary>
    public int MaxAttackBatch { get; init; } = 4096;
    /// <summary>Independent runs (seeds, configurations) side by side.</summary>
    public int Parallelism { get; init; } = 2;
    public IReadOnlyList<string> Reductions { get; init; } = [];

    public NetworkSpec Cnn(bool batchNorm)
    {
        var spec = NetworkSpec.Cnn(batchNorm);
        int d = CnnWidthDivisor;
        return d == 1 ? spec : spec with
        {
            ConvChannels = spec.ConvChannels.Select(c => c / d).ToArray(),
            DenseLayers = spec.DenseLayers.Take(spec.DenseLayers.Count - 1).Select(c => c / d).Append(spec.DenseLayers[^1]).ToArray(),
        };
    }

    public void Validate()
    {
        if (FcSeeds.Length == 0 || CnnSeeds.Length == 0 || DummySeeds.Length == 0) throw new ArgumentException($"Profile {Name}: every seed list needs at least one seed.");
        if (Iterations < 1 || AaiAdes < 1 || Figure2IterationCap < 1 || Figure2AaiAdes.Any(n => n < 1)) throw new ArgumentException($"Profile {Name}: iteration counts and ADE counts must be positive.");
        if (CnnWidthDivisor < 1 || 128 % CnnWidthDivisor != 0) throw new ArgumentException($"Profile {Name}: the CNN width divisor must divide 128.");
        if (Parallelism < 1 || MaxAttackBatch < 1) throw new ArgumentException($"Profile {Name}: parallelism and attack batch must be positive.");
        if (!(NoiseSigma > 0) || !(AttackLearningRate > 0)) throw new ArgumentException($"Profile {Name}: noise σ and attack learning rate must be positive.");
    }

    public JsonObject ToJson() => (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(this))!;
}

public static class Profiles
{
    /// <summary>CI on a 2-core CPU.</summary>
    public static ProfileSettings Quick { get; } = new()
    {
        Name = "quick",
        FcSeeds = [0, 1, 2],
        CnnSeeds = [0],
        DummySeeds = [0, 1, 2],
        Figure2AaiAdes = [10, 100, 1000],
        CnnWidthDivisor = 4,
        FcMaxEpochs = 10,
        CnnMaxEpochs = 2,
        CnnValidationSamples = 2000,
        Reductions =
        [
            "CNN widths divided by 4 (convolutions 32, 64; dense 128, 64, 10) instead of the paper's 128, 256 / 512, 256, 10: the paper's CNN trains at about 110 samples/s on the 2-core CPU, so twelve networks would not fit in CI.",
            "CNN training capped at 2 epochs; the stopping check uses the first 2,000 test images (the reported accuracy and loss use all 10,000).",
            "One seed for each CNN (three for FC and the dummy datasets); the paper profile uses five.",
        ],
    };

    /// <summary>The paper's parameters; five seeds everywhere. Meant for a GPU.</summary>
    public static ProfileSettings Paper { get; } = new()
    {
        Name = "paper",
        FcSeeds = [0, 1, 2, 3, 4],
        CnnSeeds = [0, 1, 2, 3, 4],
        DummySeeds = [0, 1, 2, 3, 4],
        CnnWidthDivisor = 1,
        FcMaxEpochs = 50,
        CnnMaxEpochs = 30,
    };

    public static IReadOnlyList<string> Names { get; } = ["quick", "paper"];

    public static ProfileSettings Get(string name) => name.ToLowerInvariant() switch
    {
        "quick" => Quick,
        "paper" => Paper,
        _ => throw new ArgumentException($"Unknown profile '{name}': use quick or paper."),
    };
}
