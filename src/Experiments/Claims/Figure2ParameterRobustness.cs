using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C2 — Figure 2, §2.3: the AP of class 5 is the same pattern whatever the stop condition of zero
/// feed (confidence 0.80, 0.90, > 0.99), of noise feed (loss 1, 1e-2, 1e-4), or the size of the AAI.
/// </summary>
public sealed class Figure2ParameterRobustness : IClaim
{
    public string Id => "C2";
    public string Title => "Figure 2: the patterns are robust to the abstraction parameters";
    public const string Section = "§2.3, §3, Fig. 2";
    public const string PaperWords = "These patterns, as soon as they emerge, are indifferent to the parameters of the method used for generating them.";
    public const double WithinThreshold = 0.7, AcrossThreshold = 0.6, TrainTarget = 0.94;
    public const int TargetClass = 5;

    /// <summary>"> 99%" read as confidence ≥ 0.995.</summary>
    public static readonly double[] Confidences = [0.80, 0.90, 0.995];
    public static readonly double[] Losses = [1, 1e-2, 1e-4];

    private sealed record SeedRun(int Seed, TrainingReport Training, PerturbationResult[] Settings, double[][] R);

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var data = Mnist(ctx);
        var labels = Confidences.Select((c, i) => $"Zero feed {(char)('a' + i)}) conf {(i == 2 ? "> 99%" : $"{c:P0}")}")
            .Concat(Losses.Select((l, i) => $"Noise feed {(char)('a' + i)}) loss {l:g1}"))
            .Concat(p.Figure2AaiAdes.Select((n, i) => $"AAI {(char)('a' + i)}) {n} ADEs")).ToArray();

        var runs = PerSeed(ctx, Id, p.FcSeeds, seed =>
        {
            using var net = ctx.Trainer.TrainOrLoad(NetworkSpec.FcMnist, FcTraining(OptimizerKind.Sgd, TrainTarget, seed, p), data, cancel: ctx.Cancel);
            var attack = new InputGradientAttack(net.Model, 10, Attack(p));
            var runner = new PerturbationRunner(attack, 28, 28, p.NoiseSigma, p.MaxAttackBatch);
            // Zero and noise feed stop on their named condition; the cap only guards against an endless loop.
            var single = runner.Run(
                Confidences.Select((c, i) => new PerturbationRequest(labels[i], Feed.Zero, TargetClass, 1, new StopCondition(null, c, p.Figure2IterationCap)))
                .Concat(Losses.Select((l, i) => new PerturbationRequest(labels[3 + i], Feed.Noise, TargetClass, 1, new StopCondition(l, null, p.Figure2IterationCap))))
                .ToArray(), seed, ctx.Device, cancel: ctx.Cancel);
            // AAI: the §2.2 stop condition, 1,000 iterations.
            var aai = runner.Run(p.Figure2AaiAdes.Select((n, i) => new PerturbationRequest(labels[6 + i], Feed.AdversarialAverage, TargetClass, n)).ToArray(),
                seed + 1000, ctx.Device, cancel: ctx.Cancel);
            var all = single.Concat(aai).ToArray();
            var images = all.Select(r => r.Image).ToArray();
            return new SeedRun(seed, net.Report, all, Correlation.Matrix(images, images));
        });

        double MinWithin(double[][] r, int start) => new[] { r[start][start + 1], r[start][start + 2], r[start + 1][start + 2] }.Min();
        double MeanAcross(double[][] r) => Enumerable.Range(0, 9).SelectMany(i => Enumerable.Range(0, 9).Where(j => j / 3 > i / 3).Select(j => r[i][j])).Average();
        var metrics = new Dictionary<string, Metric>
        {
            ["zeroFeed.minPairR"] = Metric.Of(runs.Select(r => MinWithin(r.R, 0))),
            ["noiseFeed.minPairR"] = Metric.Of(runs.Select(r => MinWithin(r.R, 3))),
            ["aai.minPairR"] = Metric.Of(runs.Select(r => MinWithin(r.R, 6))),
            ["acrossMethods.meanR"] = Metric.Of(runs.Select(r => MeanAcross(r.R))),
            ["trainingAccuracy"] = Metric.Of(runs.Select(r => r.Training.Accuracy)),
            ["trainingLoss"] = Metric.Of(runs.Select(r => r.Training.Loss)),
            ["namedConditionStoppedEveryRun"] = Metric.Of(runs.Select(r => r.Settings.Take(6).All(s => s.Examples[0].StoppedBy is StopReason.Confidence or StopReason.Loss) ? 1.0 : 0.0)),
        };
        for (int i = 0; i < 6; i++)
        {
            metrics[$"iterations.{labels[i]}"] = Metric.Of(runs.Select(r => (double)r.Settings[i].Examples[0].Iterations));
            metrics[$"targetConfidence.{labels[i]}"] = Metric.Of(runs.Select(r => r.Settings[i].Examples[0].TargetConfidence));
        }
        var checks = new List<Check>
        {
            AtLeast("zero feed settings agree", "min r between the three zero-feed APs, mean over seeds", WithinThreshold, metrics["zeroFeed.minPairR"].Mean),
            AtLeast("noise feed settings agree", "min r between the three noise-feed APs, mean over seeds", WithinThreshold, metrics["noiseFeed.minPairR"].Mean),
            AtLeast("AAI sizes agree", "min r between the three AAIs, mean over seeds", WithinThreshold, metrics["aai.minPairR"].Mean),
            AtLeast("methods agree", "mean r between APs of different methods, mean over seeds", AcrossThreshold, metrics["acrossMethods.meanR"].Mean),
            AtLeast("the named condition stopped each run", "fraction of seeds where confidence/loss (not the cap) stopped all six runs", 1.0, metrics["namedConditionStoppedEveryRun"].Mean),
        };
        var first = runs[0];
        string[] methods = ["Zero feed", "Noise feed", "AAI"];
        var images = first.Settings.Select((s, i) => new ImageRecord("Figure2", methods[i / 3], $"{(char)('a' + i % 3)}",
            28, 28, s.Image, $"{labels[i][(labels[i].IndexOf(')') + 2)..]}: {s.Examples.Max(e => e.Iterations)} it., p = {s.MeanConfidence:F3}")).ToList();
        var stopped = runs.Select(r => new { seed = r.Seed, stoppedBy = r.Settings.Select((s, i) => new { setting = labels[i], by = s.StoppedBy.ToDictionary(k => k.Key.ToString(), v => v.Value), iterations = s.Examples.Max(e => e.Iterations) }) });
        var parameters = Parameters(p, new
        {
            dataset = "MNIST", targetClass = TargetClass, network = NetworkSpec.FcMnist, training = FcTraining(OptimizerKind.Sgd, TrainTarget, -1, p),
            zeroFeedConfidences = Confidences, noiseFeedLosses = Losses, aaiAdes = p.Figure2AaiAdes, iterationCap = p.Figure2IterationCap,
            aaiStop = StopCondition.Iterations(p.Iterations), attackLearningRate = p.AttackLearningRate, stops = stopped, figureSeed = first.Seed,
        });
        var readings = Merge(CommonReadings(p), NetworkSpec.FcMnist.Readings(), new Dictionary<string, string>
        {
            ["confidenceAbove99"] = "'> 99%' read as target confidence ≥ 0.995",
            ["figure2Cap"] = $"zero and noise feed stop on their named condition alone, with an iteration cap of {p.Figure2IterationCap:N0} only against an endless loop; AAIs use the 1,000-iteration stop of §2.2",
        });
        return Result(ctx, Id, Title, Section, PaperWords, p.FcSeeds, parameters, readings, metrics, checks,
            $"within each method every pair of settings r ≥ {WithinThreshold}; across methods mean r ≥ {AcrossThreshold}", watch,
            new Dictionary<string, Metric> { ["secondsPerTraining"] = Metric.Of(runs.Select(r => r.Training.Seconds)) },
            images, [Matrix("Figure2", "r between the nine class-5 APs", first.R, labels, labels)]);
    }
}
