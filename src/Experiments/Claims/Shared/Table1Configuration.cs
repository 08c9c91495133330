using Repro.Experiments.Data;
using Repro.Experiments.Models;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>One of the twelve networks of Table 1 (§2.4).</summary>
public sealed record Table1Configuration(DatasetId Dataset, Architecture Architecture, OptimizerKind Optimizer, double PaperAccuracy, double PaperLoss)
{
    public string DatasetName => Dataset == DatasetId.Mnist ? "MNIST" : "F-MNIST";
    public string ArchitectureName => Architecture switch { Architecture.Fc => "FC", Architecture.Cnn => "CNN", _ => "CNN*" };
    public string OptimizerName => Optimizer == OptimizerKind.Sgd ? "SGD" : "Adam";
    /// <summary>E.g. "FC-SGD", "CNN*-Adam" (the paper's asterisk marks batch normalisation).</summary>
    public string Name => $"{ArchitectureName}-{OptimizerName}";
    /// <summary>E.g. "MNIST CNN*-Adam".</summary>
    public string Label => $"{DatasetName} {Name}";
    /// <summary>Complexity rank of §3 (1 = FC-SGD … 6 = CNN-BN-Adam).</summary>
    public int ComplexityRank => (int)Architecture * 2 + (Optimizer == OptimizerKind.Adam ? 1 : 0) + 1;

    public NetworkSpec Network(ProfileSettings p) => Architecture == Architecture.Fc ? NetworkSpec.FcMnist : p.Cnn(Architecture == Architecture.CnnBatchNorm);

    public TrainingSpec Training(ProfileSettings p, int seed) => Architecture == Architecture.Fc
        ? FcTraining(Optimizer, PaperAccuracy, seed, p, PaperLoss)
        : CnnTraining(Optimizer, PaperAccuracy, seed, p, PaperLoss);

    public int[] Seeds(ProfileSettings p) => Architecture == Architecture.Fc ? p.FcSeeds : p.CnnSeeds;

    /// <summary>Table 1 of the paper, row by row.</summary>
    public static IReadOnlyList<Table1Configuration> All { get; } =
    [
        new(DatasetId.Mnist, Architecture.Fc, OptimizerKind.Sgd, 0.95, 0.19),
        new(DatasetId.Mnist, Architecture.Fc, OptimizerKind.Adam, 0.98, 0.07),
        new(DatasetId.Mnist, Architecture.Cnn, OptimizerKind.Sgd, 0.93, 0.24),
        new(DatasetId.Mnist, Architecture.Cnn, OptimizerKind.Adam, 0.99, 0.05),
        new(DatasetId.Mnist, Architecture.CnnBatchNorm, OptimizerKind.Sgd, 0.99, 0.03),
        new(DatasetId.Mnist, Architecture.CnnBatchNorm, OptimizerKind.Adam, 0.98, 0.06),
        new(DatasetId.FashionMnist, Architecture.Fc, OptimizerKind.Sgd, 0.85, 0.42),
        new(DatasetId.FashionMnist, Architecture.Fc, OptimizerKind.Adam, 0.88, 0.33),
        new(DatasetId.FashionMnist, Architecture.Cnn, OptimizerKind.Sgd, 0.84, 0.45),
        new(DatasetId.FashionMnist, Architecture.Cnn, OptimizerKind.Adam, 0.92, 0.24),
        new(DatasetId.FashionMnist, Architecture.CnnBatchNorm, OptimizerKind.Sgd, 0.92, 0.22),
        new(DatasetId.FashionMnist, Architecture.CnnBatchNorm, OptimizerKind.Adam, 0.92, 0.25),
    ];

    /// <summary>The simple networks of C4a: FC with SGD, on each dataset.</summary>
    public static Table1Configuration MnistFcSgd { get; } = Of(DatasetId.Mnist, Architecture.Fc, OptimizerKind.Sgd);
    public static Table1Configuration FashionFcSgd { get; } = Of(DatasetId.FashionMnist, Architecture.Fc, OptimizerKind.Sgd);
    public static Table1Configuration MnistCnnSgd { get; } = Of(DatasetId.Mnist, Architecture.Cnn, OptimizerKind.Sgd);

    public static Table1Configuration Of(DatasetId dataset, Architecture architecture, OptimizerKind optimizer) =>
        All.Single(c => c.Dataset == dataset && c.Architecture == architecture && c.Optimizer == optimizer);
}
