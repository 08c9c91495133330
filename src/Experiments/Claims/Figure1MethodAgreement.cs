using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C1 — Figure 1, §2.2 and §3: zero feed, noise feed and AAI give almost identical APs, all
/// classified as their targets with high confidence.
/// </summary>
public sealed class Figure1MethodAgreement : IClaim
{
    public string Id => "C1";
    public string Title => "Figure 1: the three abstraction methods agree";
    public const string Section = "§2.2, §3, Fig. 1";
    public const string PaperWords = "The three methods for obtaining APs produced almost identical patterns, all of which the network classified with the target labels and a remarkably high confidence.";
    public const double PairThreshold = 0.6, ConfidenceThreshold = 0.9, TrainTarget = 0.92;

    private static readonly string[] Methods = ["Zero feed", "Noise feed", "AAI"];

    private sealed record SeedRun(int Seed, TrainingReport Training, float[][] Zero, float[][] Noise, float[][] Aai,
        double MinPairR, double[] PairMinR, int MinTop1, double MinConfidence, double PredictedFraction,
        double ZeroSeconds, double AaiSeconds, double[][] PncZero, double[][] PncNoise, double[][] PncAai,
        double[][] ZeroNoise, double[][] ZeroAai, double[][] NoiseAai);

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var data = Mnist(ctx);
        var pncs = Pnc.Compute(data.Train);
        ctx.Report(Id, "training FC/SGD and attacking", 0);

        var runs = PerSeed(ctx, Id, p.FcSeeds, seed =>
        {
            using var net = ctx.Trainer.TrainOrLoad(NetworkSpec.FcMnist, FcTraining(OptimizerKind.Sgd, TrainTarget, seed, p), data, cancel: ctx.Cancel);
            var attack = new InputGradientAttack(net.Model, 10, Attack(p));
            var runner = new PerturbationRunner(attack, 28, 28, p.NoiseSigma, p.MaxAttackBatch);
            var t = Stopwatch.StartNew();
            var single = runner.Run(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"zero {c}", Feed.Zero, c))
                .Concat(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"noise {c}", Feed.Noise, c))).ToArray(), seed, ctx.Device, cancel: ctx.Cancel);
            double zeroSeconds = t.Elapsed.TotalSeconds / 20;
            t.Restart();
            var aai = runner.Run(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"aai {c}", Feed.AdversarialAverage, c, p.AaiAdes)).ToArray(), seed + 1000, ctx.Device, cancel: ctx.Cancel);
            double aaiSeconds = t.Elapsed.TotalSeconds / 10;
            var zero = single.Take(10).Select(r => r.Image).ToArray();
            var noise = single.Skip(10).Select(r => r.Image).ToArray();
            var aaiImages = aai.Select(r => r.Image).ToArray();

            var zn = Correlation.Matrix(zero, noise);
            var za = Correlation.Matrix(zero, aaiImages);
            var na = Correlation.Matrix(noise, aaiImages);
            double[] pairMin = [Diagonal(zn).Min(), Diagonal(za).Min(), Diagonal(na).Min()];
            int minTop1 = new[] { zn, za, na }.SelectMany(m => new[] { MatrixSummary.Of(m).Top1, MatrixSummary.Of(Transpose(m)).Top1 }).Min();
            var all = single.Concat(aai).SelectMany(r => r.Examples).ToList();
            return new SeedRun(seed, net.Report, zero, noise, aaiImages, pairMin.Min(), pairMin, minTop1,
                all.Min(e => e.TargetConfidence), all.Count(e => e.PredictedLabel == e.Target) / (double)all.Count,
                zeroSeconds, aaiSeconds, Correlation.Matrix(zero, pncs), Correlation.Matrix(noise, pncs), Correlation.Matrix(aaiImages, pncs), zn, za, na);
        });

        var metrics = new Dictionary<string, Metric>
        {
            ["minSameClassR"] = Metric.Of(runs.Select(r => r.MinPairR)),
            ["minSameClassR.zeroVsNoise"] = Metric.Of(runs.Select(r => r.PairMinR[0])),
            ["minSameClassR.zeroVsAai"] = Metric.Of(runs.Select(r => r.PairMinR[1])),
            ["minSameClassR.noiseVsAai"] = Metric.Of(runs.Select(r => r.PairMinR[2])),
            ["meanSameClassR"] = Metric.Of(runs.Select(r => new[] { r.ZeroNoise, r.ZeroAai, r.NoiseAai }.SelectMany(Diagonal).Average())),
            ["minTop1AcrossMethods"] = Metric.Of(runs.Select(r => (double)r.MinTop1)),
            ["minTargetConfidence"] = Metric.Of(runs.Select(r => r.MinConfidence)),
            ["fractionClassifiedAsTarget"] = Metric.Of(runs.Select(r => r.PredictedFraction)),
            ["trainingAccuracy"] = Metric.Of(runs.Select(r => r.Training.Accuracy)),
            ["trainingLoss"] = Metric.Of(runs.Select(r => r.Training.Loss)),
            ["apVsPnc.zero.diagonalMean"] = Metric.Of(runs.Select(r => MatrixSummary.Of(r.PncZero).DiagonalMean)),
            ["apVsPnc.noise.diagonalMean"] = Metric.Of(runs.Select(r => MatrixSummary.Of(r.PncNoise).DiagonalMean)),
            ["apVsPnc.aai.diagonalMean"] = Metric.Of(runs.Select(r => MatrixSummary.Of(r.PncAai).DiagonalMean)),
        };
        var checks = new List<Check>
        {
            AtLeast("same-class agreement", "min over classes and method pairs of r(AP_m1, AP_m2), mean over seeds", PairThreshold, metrics["minSameClassR"].Mean),
            AtLeast("unique per class", "min over method pairs (both directions) of top-1 identification, mean over seeds", 10, metrics["minTop1AcrossMethods"].Mean),
            AtLeast("high confidence", "min target confidence over all ADEs, mean over seeds", ConfidenceThreshold, metrics["minTargetConfidence"].Mean),
            AtLeast("classified as target", "fraction of ADEs predicted as their target, mean over seeds", 1.0, metrics["fractionClassifiedAsTarget"].Mean),
        };

        var first = runs[0];
        var images = Row("Figure1", "Zero feed", first.Zero, Digits, 28, 28)
            .Concat(Row("Figure1", "Noise feed", first.Noise, Digits, 28, 28))
            .Concat(Row("Figure1", $"AAI ({p.AaiAdes} ADEs)", first.Aai, Digits, 28, 28)).ToList();
        var matrices = new List<MatrixRecord>
        {
            Matrix("Figure1", "r(zero feed AP, noise feed AP)", first.ZeroNoise, Digits, Digits),
            Matrix("Figure1", "r(zero feed AP, AAI)", first.ZeroAai, Digits, Digits),
            Matrix("Figure1", "r(noise feed AP, AAI)", first.NoiseAai, Digits, Digits),
            Matrix("Figure1", "r(zero feed AP, PNC)", first.PncZero, Digits, Digits),
        };
        var timings = new Dictionary<string, Metric>
        {
            // Batched (20 APs, then 10 AAIs, per tensor); C7 times them one at a time as the paper did.
            ["secondsPerAp.batched"] = Metric.Of(runs.Select(r => r.ZeroSeconds)),
            ["secondsPer30AdeAai.batched"] = Metric.Of(runs.Select(r => r.AaiSeconds * 30.0 / p.AaiAdes)),
            ["secondsPerTraining"] = Metric.Of(runs.Select(r => r.Training.Seconds)),
        };
        var parameters = Parameters(p, new
        {
            dataset = "MNIST", network = NetworkSpec.FcMnist, training = FcTraining(OptimizerKind.Sgd, TrainTarget, 0, p) with { Seed = -1 },
            attack = Attack(p), aaiAdes = p.AaiAdes, methods = Methods, figureSeed = first.Seed,
            note = "APs and AAIs are batched: 20 zero/noise-feed ADEs in one tensor, the 10×AAI ADEs in another; seconds per AP = batch time / APs",
        });
        return Result(ctx, Id, Title, Section, PaperWords, p.FcSeeds, parameters,
            Merge(CommonReadings(p), NetworkSpec.FcMnist.Readings()), metrics, checks,
            $"r(AP_m1, AP_m2) ≥ {PairThreshold} for every class and method pair; top-1 10/10; every ADE classified as target with confidence ≥ {ConfidenceThreshold}",
            watch, timings, images, matrices);
    }

    internal static double[] Diagonal(double[][] m) => Enumerable.Range(0, m.Length).Select(i => m[i][i]).ToArray();
    internal static double[][] Transpose(double[][] m) => Enumerable.Range(0, m[0].Length).Select(j => m.Select(r => r[j]).ToArray()).ToArray();
}
