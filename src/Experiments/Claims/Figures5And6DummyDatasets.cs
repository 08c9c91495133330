using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C6 — Figures 5 and 6, §2.6 and §4.2: on the tiling dataset the PNCs equal the class images and
/// the attack replicates the class; on the overlapping dataset the PNCs differ from the classes and
/// the APs carry the PNC's contrast.
/// </summary>
public sealed class Figures5And6DummyDatasets : IClaim
{
    public string Id => "C6";
    public string Title => "Figures 5 and 6: tiling versus overlapping dummy datasets";
    public const string Section = "§2.6, §4.2, Figs. 5–6";
    public const string PaperWords = "For the tiling dataset, all PNCs precisely match their corresponding class … the PNCs differ from their corresponding class [for the overlapping dataset] … while we can generate ADEs for the overlapping dataset, the same attack goes nowhere but to replicate almost the perfect examples of target classes with the tiling dataset.";
    public const double PncEqualsTolerance = 1e-6, TilingApThreshold = 0.9, OverlapPncBelow = 0.95, OrthogonalThreshold = 0.3;
    public const double TargetLoss = 5.8e-4;

    private static readonly string[] Classes = Enumerable.Range(0, 4).Select(c => $"Class {c}").ToArray();

    public static TrainingSpec Training(int seed) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 4, TargetAccuracy = 1.0, TargetLoss = TargetLoss,
        MaxEpochs = 200_000, EvaluateEverySteps = 10, Seed = seed,
    };

    private sealed record SeedRun(int Seed, TrainingReport Training, float[][] Aps, double[] ApVsClass, double[] OrthogonalR, double MinConfidence);

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var tiling = DummyDatasets.Tiling();
        var overlapping = DummyDatasets.Overlapping();
        var metrics = new Dictionary<string, Metric>();
        var checks = new List<Check>();
        var images = new List<ImageRecord>();
        var matrices = new List<MatrixRecord>();
        var timings = new List<double>();

        foreach (var (data, figure, name) in new[] { (tiling, "Figure5", "tiling"), (overlapping, "Figure6", "overlapping") })
        {
            ctx.Report(Id, $"{name}: training and attacking", name == "tiling" ? 0 : 0.5);
            var classImages = Enumerable.Range(0, 4).Select(data.GetImage).ToArray();
            var pncs = Pnc.Compute(data);
            var pncVsClass = Enumerable.Range(0, 4).Select(c => Correlation.Pearson(pncs[c], classImages[c])).ToArray();
            var runs = PerSeed(ctx, Id, p.DummySeeds, seed =>
            {
                using var net = ctx.Trainer.TrainOrLoad(NetworkSpec.FcDummy, Training(seed), new DatasetSplit(data, data), cancel: ctx.Cancel);
                var aps = AllClasses(ctx, net.Model, 4, 6, 6, Feed.Zero, seed);
                var apImages = aps.Select(a => a.Image).ToArray();
                return new SeedRun(seed, net.Report, apImages,
                    Enumerable.Range(0, 4).Select(c => Correlation.Pearson(apImages[c], classImages[c])).ToArray(),
                    Enumerable.Range(0, 4).Select(c => Correlation.OrthogonalTo(apImages[c], pncs[c], classImages[c])).ToArray(),
                    aps.Min(a => a.MinConfidence));
            });
            timings.AddRange(runs.Select(r => r.Training.Seconds));
            metrics[$"{name}.minPncVsClassR"] = Metric.Single(pncVsClass.Min());
            metrics[$"{name}.maxPncVsClassR"] = Metric.Single(pncVsClass.Max());
            metrics[$"{name}.minApVsClassR"] = Metric.Of(runs.Select(r => r.ApVsClass.Min()));
            metrics[$"{name}.meanApVsClassR"] = Metric.Of(runs.Select(r => r.ApVsClass.Average()));
            // Only meaningful where the PNC differs from the class image (on tiling the residual is zero).
            var orthoPerClass = Enumerable.Range(0, 4).Select(c => runs.Select(r => r.OrthogonalR[c]).Average()).ToArray();
            if (name == "overlapping")
            {
                metrics[$"{name}.minOverClassesOfMeanOrthogonalR"] = Metric.Single(orthoPerClass.Min());
                metrics[$"{name}.orthogonalR"] = Metric.Of(runs.Select(r => r.OrthogonalR.Average()));
            }
            metrics[$"{name}.trainingAccuracy"] = Metric.Of(runs.Select(r => r.Training.Accuracy));
            metrics[$"{name}.trainingLoss"] = Metric.Of(runs.Select(r => r.Training.Loss));
            metrics[$"{name}.trainingEpochs"] = Metric.Of(runs.Select(r => r.Training.Epochs));
            metrics[$"{name}.minTargetConfidence"] = Metric.Of(runs.Select(r => r.MinConfidence));
            metrics[$"{name}.reachedTrainingTarget"] = Metric.Of(runs.Select(r => r.Training.ReachedTarget ? 1.0 : 0.0));
            if (name == "tiling")
            {
                checks.Add(AtLeast("tiling: PNC equals class", "min over classes of r(PNC, class image)", 1 - PncEqualsTolerance, pncVsClass.Min()));
                checks.Add(AtLeast("tiling: AP replicates class", "min over classes of r(zero-feed AP, class image), mean over seeds", TilingApThreshold, metrics["tiling.minApVsClassR"].Mean));
            }
            else
            {
                checks.Add(Below("overlapping: PNC differs from class", "max over classes of r(PNC, class image)", OverlapPncBelow, pncVsClass.Max()));
                checks.Add(AtLeast("overlapping: AP carries the PNC's contrast", "min over classes of r(AP⊥class, PNC⊥class), mean over seeds", OrthogonalThreshold, orthoPerClass.Min()));
            }
            checks.Add(AtLeast($"{name}: trained to 100% and loss ≤ {TargetLoss}", "fraction of seeds that reached the training target", 1.0, metrics[$"{name}.reachedTrainingTarget"].Mean));

            images.AddRange(Row(figure, "Class image", classImages, Classes, 6, 6));
            images.AddRange(Row(figure, "PNC", pncs, Classes, 6, 6));
            images.AddRange(Row(figure, "AP (zero feed)", runs[0].Aps, Classes, 6, 6));
            matrices.Add(Matrix(figure, $"{name}: r(AP, PNC)", Correlation.Matrix(runs[0].Aps, pncs), Classes, Classes));
            matrices.Add(Matrix(figure, $"{name}: r(AP, class image)", Correlation.Matrix(runs[0].Aps, classImages), Classes, Classes));
        }

        var parameters = Parameters(p, new
        {
            datasets = new { tiling = "6×6, four 3×3 squares in the corners", overlapping = "6×6, four 4×4 squares in the corners" },
            network = NetworkSpec.FcDummy, training = Training(-1), attack = Attack(p), feed = "zero", figureSeed = p.DummySeeds[0],
        });
        var readings = Merge(CommonReadings(p), NetworkSpec.FcDummy.Readings(), new Dictionary<string, string>
        {
            ["dummyTraining"] = "SGD lr 0.1, full batch of the four samples; the training set is also the validation set (one sample per class)",
            ["dummyPixels"] = "1 inside a square, 0 outside",
            ["orthogonalComponent"] = "AP and PNC are centred and the class image's direction is projected out of both; their correlation is the partial correlation given the class image",
        });
        return Result(ctx, Id, Title, Section, PaperWords, p.DummySeeds, parameters, readings, metrics, checks,
            $"tiling: r(PNC, class) = 1 within {PncEqualsTolerance:g1}, r(AP, class) ≥ {TilingApThreshold}; overlapping: r(PNC, class) < {OverlapPncBelow}, r(AP⊥class, PNC⊥class) ≥ {OrthogonalThreshold}",
            watch, new Dictionary<string, Metric> { ["secondsPerTraining"] = Metric.Of(timings) }, images, matrices);
    }
}
