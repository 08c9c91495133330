using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using TorchSharp;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C6 — Figures 5 and 6, §2.6 and §4.2: on the tiling dataset the attack replicates the class; on the overlapping
/// dataset the APs carry the PNC's contrast beyond the class image, more than an untrained twin's do. That the tiling
/// PNCs equal their classes is a fact of the construction (PNC = 2·class − 1), checked as sanity, not as a claim.
/// </summary>
public sealed class C6DummyDatasets : IClaim
{
    public ClaimInfo Info => PaperClaims.C6;
    public string Id => Info.Id;
    public const double TargetLoss = 5.8e-4;

    private static readonly string[] Classes = Enumerable.Range(0, 4).Select(c => $"Class {c}").ToArray();

    public static TrainingSpec Training(int seed) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 4, TargetAccuracy = 1.0, TargetLoss = TargetLoss,
        MaxEpochs = 200_000, EvaluateEverySteps = 10, Seed = seed,
        ValidationHoldout = null, // four samples, one per class: nothing to hold out, the training set is its own validation set
    };

    /// <summary>One seed on one dummy dataset: the APs, r(AP, class), the partial r(AP, PNC | class), and r(AP, PNC), for the trained network and its untrained twin.</summary>
    private sealed record SeedRun(int Seed, TrainingReport Training, float[][] Aps, double[] ApVsClass, double[] ApVsPnc, double[] OrthogonalR, double[] UntrainedOrthogonalR)
    {
        public double MeanContrast => ApVsPnc.Zip(ApVsClass, (a, b) => a - b).Average();
    }

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var seeds = p.DummySeeds;
        var checks = new RecordBuilder(Id);
        var metrics = new Dictionary<string, Metric>();
        var images = new List<ImageRecord>();
        var matrices = new List<MatrixRecord>();
        var timings = new List<double>();

        // The judged overlapping geometry is a reading; under the default the other reading is recorded beside it.
        bool corners = p.OverlappingGeometry == OverlappingGeometry.Corners4x4;
        var datasets = new[]
        {
            (Data: DummyDatasets.Tiling(), Figure: "Figure5", Name: "tiling"),
            (Data: corners ? DummyDatasets.Overlapping() : DummyDatasets.OverlappingShifted(), Figure: "Figure6", Name: "overlapping"),
            (Data: DummyDatasets.OverlappingShifted(), Figure: "", Name: "overlapping, shifted 3×3"),
        }.Take(corners ? 3 : 2).ToArray();
        for (int d = 0; d < datasets.Length; d++)
        {
            var (data, figure, name) = datasets[d];
            ctx.Report(Id, $"{name}: training and attacking", d / (double)datasets.Length);
            var classImages = Enumerable.Range(0, 4).Select(data.GetImage).ToArray();
            var pncs = Pnc.Compute(data);
            var pncVsClass = Enumerable.Range(0, 4).Select(c => Correlation.Pearson(pncs[c], classImages[c])).ToArray();
            var runs = PerSeed(ctx, Id, seeds, seed =>
            {
                using var net = ctx.Trainer.TrainOrLoad(NetworkSpec.FcDummy, Training(seed), new DatasetSplit(data, data), cancel: ctx.Cancel);
                using var untrained = Trainer.CreateSeeded(NetworkSpec.FcDummy, seed + ApPncRuns.UntrainedSeedOffset);
                untrained.to(ctx.Device);
                var aps = AllClasses(ctx, net.Model, 4, 6, 6, Feed.Zero, seed, stage: Stage(ctx, $"dummy {name} FC s{seed}", NetworkSpec.FcDummy)).Select(a => a.Image).ToArray();
                var controlAps = AllClasses(ctx, untrained, 4, 6, 6, Feed.Zero, seed, stage: Stage(ctx, $"dummy {name} FC untrained s{seed}", NetworkSpec.FcDummy)).Select(a => a.Image).ToArray();
                return new SeedRun(seed, net.Report, aps,
                    Enumerable.Range(0, 4).Select(c => Correlation.Pearson(aps[c], classImages[c])).ToArray(),
                    Enumerable.Range(0, 4).Select(c => Correlation.Pearson(aps[c], pncs[c])).ToArray(),
                    Enumerable.Range(0, 4).Select(c => Correlation.OrthogonalTo(aps[c], pncs[c], classImages[c])).ToArray(),
                    Enumerable.Range(0, 4).Select(c => Correlation.OrthogonalTo(controlAps[c], pncs[c], classImages[c])).ToArray());
            });
            timings.AddRange(runs.Select(r => r.Training.Seconds));
            metrics[$"{name}.minPncVsClassR"] = Metric.Single(pncVsClass.Min());
            metrics[$"{name}.meanApVsClassR"] = Metric.Of(runs.Select(r => r.ApVsClass.Average()));
            metrics[$"{name}.trainingLoss"] = Metric.Of(runs.Select(r => r.Training.Loss));
            metrics[$"{name}.trainingEpochs"] = Metric.Of(runs.Select(r => r.Training.Epochs));
            switch (name)
            {
                case "tiling":
                    checks.Sanity("tiling: PNC equals class", [0], [pncVsClass.Min()], "a property of the dataset, not of a seed");
                    checks.Claim("tiling: AP replicates class", seeds, runs.Select(r => r.ApVsClass.Min()),
                        statistic: CheckStatistic.Correlation);
                    checks.Sanity("tiling: trained to 100% and the paper's loss", seeds, runs.Select(r => r.Training.ReachedTarget ? 1.0 : 0.0));
                    break;
                case "overlapping":
                    checks.Recorded("overlapping: PNC against class", [0], [pncVsClass.Max()],
                        note: corners ? "4×4 squares in the corners of a 6×6 image" : "3×3 squares one pixel in from the corners of a 6×6 image");
                    checks.Claim("overlapping: AP carries the PNC's contrast", seeds,
                        runs.Select(r => r.OrthogonalR.Min()), statistic: CheckStatistic.Correlation);
                    checks.Claim("overlapping: AP closer to the PNC than to the class", seeds, runs.Select(r => r.MeanContrast));
                    checks.Claim("overlapping: contrast above the untrained twin's", seeds,
                        runs.Select(r => r.OrthogonalR.Average() - r.UntrainedOrthogonalR.Average()));
                    checks.Sanity("overlapping: trained to 100% and the paper's loss", seeds, runs.Select(r => r.Training.ReachedTarget ? 1.0 : 0.0));
                    checks.Recorded("overlapping: untrained twin's partial r", seeds,
                        runs.Select(r => r.UntrainedOrthogonalR.Average()));
                    checks.Recorded("overlapping: cross-seed agreement of APs (noise ceiling)", seeds,
                        runs.Select((_, i) => CrossSeed.Agreement(runs.Select(r => (IReadOnlyList<float[]?>)r.Aps).ToList(), i)));
                    break;
                default:
                    // The second reading of "shifted positions so that they overlap", recorded beside the first.
                    checks.Recorded("shifted 3×3 reading: AP carries the PNC's contrast", seeds,
                        runs.Select(r => r.OrthogonalR.Min()), note: "3×3 squares moved one pixel from each corner towards the centre");
                    checks.Recorded("shifted 3×3 reading: AP closer to the PNC than to the class", seeds,
                        runs.Select(r => r.MeanContrast));
                    checks.Recorded("shifted 3×3 reading: reached the training target", seeds, runs.Select(r => r.Training.ReachedTarget ? 1.0 : 0.0));
                    break;
            }
            if (figure.Length == 0) continue;
            images.AddRange(Row(figure, "Class image", classImages, Classes, 6, 6));
            images.AddRange(Row(figure, "PNC", pncs, Classes, 6, 6));
            images.AddRange(Row(figure, "AP (zero feed)", runs[0].Aps, Classes, 6, 6));
            matrices.Add(Matrix(figure, $"{name}: r(AP, PNC)", Correlation.Matrix(runs[0].Aps, pncs), Classes, Classes));
            matrices.Add(Matrix(figure, $"{name}: r(AP, class image)", Correlation.Matrix(runs[0].Aps, classImages), Classes, Classes));
        }

        var parameters = Parameters(p, new
        {
            datasets = new
            {
                tiling = "6×6, four 3×3 squares in the corners", overlapping = corners ? "6×6, four 4×4 squares in the corners" : "6×6, four 3×3 squares one pixel in from the corners",
                overlappingShifted = corners ? "6×6, four 3×3 squares one pixel in from the corners (the second reading, recorded)" : "not run: it is the judged geometry",
            },
            network = NetworkSpec.FcDummy, training = Training(-1), attack = Attack(p), feed = "zero", figureSeed = seeds[0],
            untrainedControl = $"same architecture, seeded with seed + {ApPncRuns.UntrainedSeedOffset}, not trained, attacked identically",
        });
        var readings = Merge(CommonReadings(p), NetworkSpec.FcDummy.Readings(), new Dictionary<string, string>
        {
            ["dummyTraining"] = "SGD lr 0.1, full batch of the four samples; the training set is also the validation set (one sample per class)",
            ["dummyPixels"] = "1 inside a square, 0 outside",
            ["overlappingGeometry"] = corners
                ? "'shifted positions so that they overlap' read as 4×4 squares in the corners; 3×3 squares one pixel in from the corners is recorded beside it"
                : "'shifted positions so that they overlap' read as 3×3 squares one pixel in from the corners (the sensitivity study's alternative to 4×4 squares in the corners)",
            ["orthogonalComponent"] = "AP and PNC are centred and the class image's direction is projected out of both; their correlation is the partial correlation given the class image",
        });
        return Result(ctx, this, seeds, parameters, readings, metrics, checks,
            $"per seed, 95% interval: tiling r(AP, class) ≥ {checks.ThresholdOf("tiling: AP replicates class")}; overlapping partial r(AP, PNC | class) ≥ {checks.ThresholdOf("overlapping: AP carries the PNC's contrast")}, above the untrained twin's, and r(AP, PNC) > r(AP, class)",
            watch, new Dictionary<string, Metric> { ["secondsPerTraining"] = Metric.Of(timings) }, images, matrices);
    }
}
