using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using TorchSharp;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C2 — Figure 2, §2.3: the AP of class 5 is the same pattern whatever the stop condition of zero
/// feed (confidence 0.80, 0.90, > 0.99), of noise feed (loss 1, 1e-2, 1e-4), or the size of the AAI.
/// </summary>
public sealed class C2ParameterRobustness : ISeedSplitClaim
{
    public ClaimInfo Info => PaperClaims.C2;
    public string Id => Info.Id;
    public const double TrainTarget = 0.94;
    public const int TargetClass = 5;

    /// <summary>"> 99%" read as confidence ≥ 0.995.</summary>
    public static readonly double[] Confidences = [0.80, 0.90, 0.995];
    public static readonly double[] Losses = [1, 1e-2, 1e-4];

    private sealed record SeedRun(int Seed, TrainingReport Training, PerturbationResult[] Settings, double[][] R, double[][] UntrainedR);

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var labels = Labels(p);

        var seeds = p.FcSeeds;
        // Each seed's trained network and its untrained twin are separate jobs, the twin's first: its noise feed runs to
        // the iteration cap, so it is the longer one.
        var jobs = seeds.SelectMany(seed => new[] { (Seed: seed, Trained: false), (Seed: seed, Trained: true) }).ToList();
        int done = 0;
        var settings = InParallel(ctx, jobs, j =>
        {
            var result = Job(ctx, j, labels);
            ctx.Report(Id, $"seed {j.Seed} {(j.Trained ? "trained" : "untrained twin")} done", Interlocked.Increment(ref done) / (double)jobs.Count);
            return result;
        });
        var runs = seeds.Select((seed, i) =>
        {
            var (all, report) = settings[2 * i + 1];
            var images = all.Select(r => r.Image).ToArray();
            var control = settings[2 * i].Nine.Select(r => r.Image).ToArray();
            return new SeedRun(seed, report!, all, Correlation.Matrix(images, images), Correlation.Matrix(control, control));
        }).ToArray();

        double MinWithin(double[][] r, int start) => new[] { r[start][start + 1], r[start][start + 2], r[start + 1][start + 2] }.Min();
        double MeanAcross(double[][] r) => Enumerable.Range(0, 9).SelectMany(i => Enumerable.Range(0, 9).Where(j => j / 3 > i / 3).Select(j => r[i][j])).Average();
        // The judged pairs: within noise feed, within AAI, and across methods (zero feed's prefixes agree by construction).
        double MeanJudged(double[][] r) => Enumerable.Range(0, 9).SelectMany(i => Enumerable.Range(i + 1, 8 - i).Where(j => i / 3 != j / 3 || i >= 3).Select(j => r[i][j])).Average();
        var checks = new RecordBuilder(Id);
        // Zero feed's three stops are prefixes of one deterministic trajectory from the same zero image: their agreement
        // says how far the pattern moves after it emerges, not whether it is robust, so it is shown, not judged.
        checks.Recorded("zero feed settings agree", seeds, runs.Select(r => MinWithin(r.R, 0)));
        checks.Claim("noise feed settings agree", seeds, runs.Select(r => MinWithin(r.R, 3)), statistic: CheckStatistic.Correlation);
        checks.Claim("AAI sizes agree", seeds, runs.Select(r => MinWithin(r.R, 6)), statistic: CheckStatistic.Correlation);
        checks.Claim("methods agree", seeds, runs.Select(r => MeanAcross(r.R)), statistic: CheckStatistic.Correlation);
        checks.Claim("agreement above the untrained twin's", seeds, runs.Select(r => MeanJudged(r.R) - MeanJudged(r.UntrainedR)));
        checks.Sanity("the named condition stopped each run", seeds,
            runs.Select(r => r.Settings.Take(6).All(s => s.Examples[0].StoppedBy is StopReason.Confidence or StopReason.Loss) ? 1.0 : 0.0));
        checks.Sanity("the network reached its training target", seeds,
            runs.Select(r => r.Training.ReachedTarget ? 1.0 : 0.0));
        checks.Recorded("untrained twin's agreement", seeds, runs.Select(r => MeanJudged(r.UntrainedR)));
        checks.Recorded("cross-seed agreement of the class-5 APs (noise ceiling)", seeds,
            runs.Select((_, i) => CrossSeed.Agreement(runs.Select(r => (IReadOnlyList<float[]?>)r.Settings.Select(s => s.Image).ToList()).ToList(), i)));

        var metrics = new Dictionary<string, Metric>
        {
            ["trainingAccuracy"] = Metric.Of(runs.Select(r => r.Training.Accuracy)),
            ["trainingLoss"] = Metric.Of(runs.Select(r => r.Training.Loss)),
        };
        for (int i = 0; i < 6; i++)
        {
            metrics[$"iterations.{labels[i]}"] = Metric.Of(runs.Select(r => (double)r.Settings[i].Examples[0].Iterations));
            metrics[$"targetConfidence.{labels[i]}"] = Metric.Of(runs.Select(r => r.Settings[i].Examples[0].TargetConfidence));
        }
        var first = runs[0];
        string[] methods = ["Zero feed", "Noise feed", "AAI"];
        var images = first.Settings.Select((s, i) => new ImageRecord("Figure2", methods[i / 3], $"{(char)('a' + i % 3)}",
            28, 28, s.Image, $"{labels[i][(labels[i].IndexOf(')') + 2)..]}: {s.Examples.Max(e => e.Iterations)} it., p = {s.MeanConfidence:F3}")).ToList();
        var stopped = runs.Select(r => new { seed = r.Seed, stoppedBy = r.Settings.Select((s, i) => new { setting = labels[i], by = s.StoppedBy.ToDictionary(k => k.Key.ToString(), v => v.Value), iterations = s.Examples.Max(e => e.Iterations) }) });
        var parameters = Parameters(p, new
        {
            dataset = "MNIST", targetClass = TargetClass, network = NetworkSpec.FcMnist, training = FcTraining(OptimizerKind.Sgd, TrainTarget, -1, p, Table1Configuration.MnistFcSgd.PaperLoss),
            zeroFeedConfidences = Confidences, noiseFeedLosses = Losses, aaiAdes = p.Figure2AaiAdes, iterationCap = p.Figure2IterationCap,
            aaiStop = StopCondition.Iterations(p.Iterations), attackLearningRate = p.AttackLearningRate, stops = stopped, figureSeed = first.Seed,
            untrainedControl = $"same architecture seeded with seed + {ApPncRuns.UntrainedSeedOffset}, never trained, the same nine settings",
        });
        var readings = Merge(CommonReadings(p), NetworkSpec.FcMnist.Readings(), new Dictionary<string, string>
        {
            ["confidenceAbove99"] = "'> 99%' read as target confidence ≥ 0.995",
            ["figure2Cap"] = $"zero and noise feed stop on their named condition alone, with an iteration cap of {p.Figure2IterationCap:N0} only against an endless loop; AAIs use the 1,000-iteration stop of §2.2",
        });
        return Result(ctx, this, seeds, parameters, readings, metrics, checks,
            $"per seed, 95% interval: within noise feed and within AAI every pair of settings r ≥ {checks.ThresholdOf("noise feed settings agree")}; across methods mean r ≥ {checks.ThresholdOf("methods agree")}; above the untrained twin", watch,
            new Dictionary<string, Metric> { ["secondsPerTraining"] = Metric.Of(runs.Select(r => r.Training.Seconds)) },
            images, [Matrix("Figure2", "r between the nine class-5 APs", first.R, labels, labels)]);
    }

    /// <summary>The nine class-5 APs of Figure 2 on one network: zero feed at three confidences, noise feed at three losses, three AAI sizes.</summary>
    /// <summary>The columns of Figure 2 in order: zero feed's three stops, noise feed's three, the AAIs (the attack requests' labels).</summary>
    private static string[] Labels(ProfileSettings p) =>
        Confidences.Select((c, i) => $"Zero feed {(char)('a' + i)}) conf {(i == 2 ? "> 99%" : $"{c:P0}")}")
            .Concat(Losses.Select((l, i) => $"Noise feed {(char)('a' + i)}) loss {l:g1}"))
            .Concat(p.Figure2AaiAdes.Select((n, i) => $"AAI {(char)('a' + i)}) {n} ADEs")).ToArray();

    /// <summary>One job: a seed's trained network (trained or loaded) or its untrained twin, through Figure 2's nine settings.</summary>
    private static (PerturbationResult[] Nine, TrainingReport? Report) Job(ClaimContext ctx, (int Seed, bool Trained) j, string[] labels)
    {
        var p = ctx.Profile;
        var data = Mnist(ctx);
        PerturbationResult[] nine;
        TrainingReport? report = null;
        if (j.Trained)
        {
            using var net = ctx.Trainer.TrainOrLoad(NetworkSpec.FcMnist, FcTraining(OptimizerKind.Sgd, TrainTarget, j.Seed, p, Table1Configuration.MnistFcSgd.PaperLoss), data, cancel: ctx.Cancel);
            nine = NineSettings(ctx, net.Model, labels, j.Seed, $"MNIST FC-SGD s{j.Seed}");
            report = net.Report;
        }
        else
        {
            using var untrained = Trainer.CreateSeeded(NetworkSpec.FcMnist, j.Seed + ApPncRuns.UntrainedSeedOffset);
            untrained.to(ctx.Device);
            nine = NineSettings(ctx, untrained, labels, j.Seed, $"MNIST FC untrained s{j.Seed}");
        }
        return (nine, report);
    }

    public IReadOnlyList<int> SplitSeeds(ProfileSettings p) => p.FcSeeds;

    /// <summary>A seed's trainings and attacks into the caches, as <see cref="Run"/> computes them: the twin's job, then the trained network's.</summary>
    public void ComputeSeed(ClaimContext ctx, int seed)
    {
        var labels = Labels(ctx.Profile);
        foreach (var trained in new[] { false, true }) Job(ctx, (seed, trained), labels);
    }

    private static PerturbationResult[] NineSettings(ClaimContext ctx, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, string[] labels, int seed, string label)
    {
        var p = ctx.Profile;
        var runner = new PerturbationRunner(new InputGradientAttack(model, 10, Attack(p)), 28, 28, p.NoiseSigma, p.MaxAttackBatch)
        { Stage = Stage(ctx, label, NetworkSpec.FcMnist), Memo = ctx.Attacks };
        // Zero and noise feed stop on their named condition; the cap only guards against an endless loop.
        var single = runner.Run(
            Confidences.Select((c, i) => new PerturbationRequest(labels[i], Feed.Zero, TargetClass, 1, new StopCondition(null, c, p.Figure2IterationCap)))
            .Concat(Losses.Select((l, i) => new PerturbationRequest(labels[3 + i], Feed.Noise, TargetClass, 1, new StopCondition(l, null, p.Figure2IterationCap))))
            .ToArray(), seed, ctx.Device, cancel: ctx.Cancel);
        // AAI: the §2.2 stop condition, 1,000 iterations.
        var aai = runner.Run(p.Figure2AaiAdes.Select((n, i) => new PerturbationRequest(labels[6 + i], Feed.AdversarialAverage, TargetClass, n)).ToArray(),
            seed + 1000, ctx.Device, cancel: ctx.Cancel);
        return single.Concat(aai).ToArray();
    }
}
