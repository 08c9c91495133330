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
    /// <summary>The attack's "distance" between prediction and target (§2.1); a reading, cross-entropy by default.</summary>
    public Attacks.AttackLoss AttackLoss { get; init; } = Attacks.AttackLoss.CrossEntropy;
    /// <summary>Learning rate of the attack on the input.</summary>
    public double AttackLearningRate { get; init; } = 0.1;
    /// <summary>σ of normal jitter added to the zero feed of CNN networks (0: exact zeros, the default reading).</summary>
    public double CnnZeroFeedJitter { get; init; }
    /// <summary>What stops training: the target accuracy alone (default), or also Table 1's loss.</summary>
    public ValidationRule ValidationRule { get; init; } = ValidationRule.Accuracy;
    /// <summary>The geometry of C6's overlapping dataset that is judged; the other is recorded beside it.</summary>
    public OverlappingGeometry OverlappingGeometry { get; init; } = OverlappingGeometry.Corners4x4;
    /// <summary>
    /// C4b's feed per network label, chosen beforehand (null: chosen on each network's first seed). With it, each network
    /// is attacked only on its later seeds and only with that feed: the sensitivity study's alternative cells judge the
    /// feed its default cell chose on the first seed, so the choice is made once and every cell judges held-out seeds.
    /// </summary>
    public IReadOnlyDictionary<string, Perturbations.Feed>? FixedFeeds { get; init; }
    /// <summary>Table 1 networks to run, by "MNIST CNN*-Adam"-style label (null: all twelve); the sensitivity study restricts them.</summary>
    public IReadOnlyList<string>? Table1Only { get; init; }
    /// <summary>
    /// The claims whose sensitivity cells this budget runs (null: every claim of the study). The cells of the others are 'not
    /// tested at this budget' in the record and the report; `--study full` (REPRO_STUDY=full) runs them.
    /// </summary>
    public IReadOnlyList<string>? StudyClaims { get; init; }
    /// <summary>Largest number of ADEs in one attack tensor (memory bound).</summary>
    public int MaxAttackBatch { get; init; } = 4096;
    /// <summary>Independent runs (seeds, configurations) side by side: by default one per core, bounded (<see cref="Runtime.ParallelismPlan"/>); --jobs sets it.</summary>
    public int Parallelism { get; init; } = Runtime.ParallelismPlan.Default.Jobs;
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

    /// <summary>The Table 1 configurations this profile runs, in Table 1's order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Table1Configuration> Table1Configurations =>
        Table1Only is null ? Table1Configuration.All : Table1Configuration.All.Where(c => Table1Only.Contains(c.Label)).ToList();

    public void Validate()
    {
        if (Table1Only is not null && (Table1Only.Count == 0 || Table1Only.Any(l => Table1Configuration.All.All(c => c.Label != l))))
            throw new ArgumentException($"Profile {Name}: Table1Only must name Table 1 networks such as 'MNIST FC-SGD' (got {string.Join(", ", Table1Only)}).");
        if (!(CnnZeroFeedJitter >= 0)) throw new ArgumentException($"Profile {Name}: the zero-feed jitter σ must be 0 or positive.");
        if (FcSeeds.Length == 0 || CnnSeeds.Length == 0 || DummySeeds.Length == 0) throw new ArgumentException($"Profile {Name}: every seed list needs at least one seed.");
        if (Iterations < 1 || AaiAdes < 1 || Figure2IterationCap < 1 || Figure2AaiAdes.Any(n => n < 1)) throw new ArgumentException($"Profile {Name}: iteration counts and ADE counts must be positive.");
        if (StudyClaims is not null && (StudyClaims.Count == 0 || StudyClaims.Any(c => !Sensitivity.SensitivityCatalogue.Claims.Contains(c))))
            throw new ArgumentException($"Profile {Name}: StudyClaims must name claims of the sensitivity study ({string.Join(", ", Sensitivity.SensitivityCatalogue.Claims)}); got {string.Join(", ", StudyClaims)}.");
        // The narrowest convolution (128 channels) divided must stay a multiple of 16: libtorch's CPU convolutions get the input
        // gradient wrong otherwise (Attacks/CpuConvolutionGuard), and training and the attacks need it.
        if (CnnWidthDivisor is not (1 or 2 or 4 or 8))
            throw new ArgumentException($"Profile {Name}: the CNN width divisor must be 1, 2, 4 or 8 (got {CnnWidthDivisor}), so that every convolution keeps a multiple of {Attacks.CpuConvolutionGuard.ChannelMultiple} channels.");
        if (Parallelism < 1 || MaxAttackBatch < 1) throw new ArgumentException($"Profile {Name}: parallelism and attack batch must be positive.");
        if (!(NoiseSigma > 0) || !(AttackLearningRate > 0)) throw new ArgumentException($"Profile {Name}: noise σ and attack learning rate must be positive.");
    }

    public JsonObject ToJson() => (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(this))!;
}
