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
/// C1 — Figure 1, §2.2 and §3: zero feed, noise feed and AAI give almost identical APs, all classified as their
/// targets with high confidence. §4.1 infers that the patterns "are neither trivial byproducts of the methods", so
/// the same three methods on an untrained twin of the network are the null.
/// </summary>
public sealed class C1MethodAgreement : IClaim
{
    public ClaimInfo Info => PaperClaims.C1;
    public string Id => Info.Id;
    public const double TrainTarget = MethodNetworkTarget, IdentificationAlpha = 0.01;

    private static readonly string[] Methods = ["Zero feed", "Noise feed", "AAI"];

    /// <summary>The checks whose registered thresholds the criterion in words names.</summary>
    private const string PairCheck = "same-class agreement of zero feed, noise feed and AAI", IdentificationCheck = "each AP picks its own class across methods",
        ConfidenceCheck = "high confidence", ClassifiedCheck = "every ADE classified as its target";

    /// <summary>The three methods' APs of one network (trained or not), compared pairwise per class.</summary>
    private sealed record MethodRun(float[][] Zero, float[][] Noise, float[][] Aai, IReadOnlyList<AdversarialExample> Examples, double ZeroSeconds, double AaiSeconds)
    {
        public double[][] ZeroNoise => Correlation.Matrix(Zero, Noise);
        public double[][] ZeroAai => Correlation.Matrix(Zero, Aai);
        public double[][] NoiseAai => Correlation.Matrix(Noise, Aai);
        public double[][][] Pairs => [ZeroNoise, ZeroAai, NoiseAai];
        public double MinSameClassR => Pairs.Min(m => Matrices.Diagonal(m).Min());
        public double MeanSameClassR => Pairs.SelectMany(Matrices.Diagonal).Average();
        public int MinTop1 => Pairs.SelectMany(m => new[] { MatrixSummary.Of(m).Top1, MatrixSummary.Of(Matrices.Transpose(m)).Top1 }).Min();
    }

    private sealed record SeedRun(int Seed, TrainingReport Training, MethodRun Trained, MethodRun Untrained, double[][] PncZero);

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var data = Mnist(ctx);
        var pncs = Pnc.Compute(data.Train);
        ctx.Report(Id, "training FC/SGD and attacking", 0);

        var seeds = p.FcSeeds;
        // Each seed's trained network and its untrained twin are separate jobs, so an odd seed count leaves no worker idle.
        var jobs = seeds.SelectMany(seed => new[] { (Seed: seed, Trained: true), (Seed: seed, Trained: false) }).ToList();
        int done = 0;
        var methods = InParallel(ctx, jobs, j =>
        {
            (MethodRun Run, TrainingReport? Report) result;
            if (j.Trained)
            {
                using var net = ctx.Trainer.TrainOrLoad(NetworkSpec.FcMnist, MethodNetworkTraining(j.Seed, p), data, cancel: ctx.Cancel);
                result = (Methods3(ctx, net.Model, j.Seed, $"MNIST FC-SGD s{j.Seed}"), net.Report);
            }
            else
            {
                using var untrained = Trainer.CreateSeeded(NetworkSpec.FcMnist, j.Seed + ApPncRuns.UntrainedSeedOffset);
                untrained.to(ctx.Device);
                result = (Methods3(ctx, untrained, j.Seed, $"MNIST FC untrained s{j.Seed}"), null);
            }
            ctx.Report(Id, $"seed {j.Seed} {(j.Trained ? "trained" : "untrained twin")} done", Interlocked.Increment(ref done) / (double)jobs.Count);
            return result;
        });
        var runs = seeds.Select((seed, i) =>
        {
            var (trained, report) = methods[2 * i];
            return new SeedRun(seed, report!, trained, methods[2 * i + 1].Run, Correlation.Matrix(trained.Zero, pncs));
        }).ToArray();

        var checks = new RecordBuilder(Id);
        checks.Claim(PairCheck, seeds, runs.Select(r => r.Trained.MinSameClassR), statistic: CheckStatistic.Correlation);
        checks.Claim("agreement above the untrained twin's", seeds, runs.Select(r => r.Trained.MeanSameClassR - r.Untrained.MeanSameClassR));
        checks.Claim(IdentificationCheck, seeds, runs.Select(r => r.Trained.MinTop1 / 10.0), PermutationTest.DiagonalMean(runs.SelectMany(r => r.Trained.Pairs).ToList()),
            IdentificationAlpha, "p: the same-class diagonal mean of the three method pairs, pooled over seeds", CheckStatistic.Proportion(10));
        checks.Claim(ConfidenceCheck, seeds, runs.Select(r => r.Trained.Examples.Min(e => e.TargetConfidence)),
            statistic: CheckStatistic.Bounded(0, 1));
        int ades = runs[0].Trained.Examples.Count;
        if (runs.Any(r => r.Trained.Examples.Count != ades)) throw new InvalidOperationException("C1: every seed must make the same number of ADEs");
        checks.Claim(ClassifiedCheck, seeds,
            runs.Select(r => r.Trained.Examples.Count(e => e.PredictedLabel == e.Target) / (double)ades), statistic: CheckStatistic.Proportion(ades));
        checks.Sanity("the network reached its training target", seeds,
            runs.Select(r => r.Training.ReachedTarget ? 1.0 : 0.0));
        checks.Recorded("untrained twin's same-class agreement", seeds, runs.Select(r => r.Untrained.MeanSameClassR));
        checks.Recorded("trained network's same-class agreement", seeds, runs.Select(r => r.Trained.MeanSameClassR));
        checks.Recorded("cross-seed agreement of zero-feed APs (noise ceiling)", seeds,
            runs.Select((_, i) => CrossSeed.Agreement(runs.Select(r => (IReadOnlyList<float[]?>)r.Trained.Zero).ToList(), i)));

        var metrics = new Dictionary<string, Metric>
        {
            ["minSameClassR.zeroVsNoise"] = Metric.Of(runs.Select(r => Matrices.Diagonal(r.Trained.ZeroNoise).Min())),
            ["minSameClassR.zeroVsAai"] = Metric.Of(runs.Select(r => Matrices.Diagonal(r.Trained.ZeroAai).Min())),
            ["minSameClassR.noiseVsAai"] = Metric.Of(runs.Select(r => Matrices.Diagonal(r.Trained.NoiseAai).Min())),
            ["trainingAccuracy"] = Metric.Of(runs.Select(r => r.Training.Accuracy)),
            ["trainingLoss"] = Metric.Of(runs.Select(r => r.Training.Loss)),
            ["apVsPnc.zero.diagonalMean"] = Metric.Of(runs.Select(r => MatrixSummary.Of(r.PncZero).DiagonalMean)),
        };
        var first = runs[0];
        var images = Row("Figure1", "Zero feed", first.Trained.Zero, Digits, 28, 28)
            .Concat(Row("Figure1", "Noise feed", first.Trained.Noise, Digits, 28, 28))
            .Concat(Row("Figure1", $"AAI ({p.AaiAdes} ADEs)", first.Trained.Aai, Digits, 28, 28)).ToList();
        var matrices = new List<MatrixRecord>
        {
            Matrix("Figure1", "r(zero feed AP, noise feed AP)", first.Trained.ZeroNoise, Digits, Digits),
            Matrix("Figure1", "r(zero feed AP, AAI)", first.Trained.ZeroAai, Digits, Digits),
            Matrix("Figure1", "r(noise feed AP, AAI)", first.Trained.NoiseAai, Digits, Digits),
            Matrix("Figure1", "r(zero feed AP, PNC)", first.PncZero, Digits, Digits),
        };
        var timings = new Dictionary<string, Metric>
        {
            // Batched (20 APs, then 10 AAIs, per tensor); C7 times them one at a time as the paper did.
            ["secondsPerAp.batched"] = Metric.Of(runs.Select(r => r.Trained.ZeroSeconds)),
            ["secondsPer30AdeAai.batched"] = Metric.Of(runs.Select(r => r.Trained.AaiSeconds * 30.0 / p.AaiAdes)),
            ["secondsPerTraining"] = Metric.Of(runs.Select(r => r.Training.Seconds)),
        };
        var parameters = Parameters(p, new
        {
            dataset = "MNIST", network = NetworkSpec.FcMnist, training = MethodNetworkTraining(0, p) with { Seed = -1 },
            attack = Attack(p), aaiAdes = p.AaiAdes, methods = Methods, figureSeed = first.Seed,
            untrainedControl = $"same architecture seeded with seed + {ApPncRuns.UntrainedSeedOffset}, never trained, the same three methods",
            note = "APs and AAIs are batched: 20 zero/noise-feed ADEs in one tensor, the 10×AAI ADEs in another; seconds per AP = batch time / APs",
        });
        return Result(ctx, this, seeds, parameters, Merge(CommonReadings(p), NetworkSpec.FcMnist.Readings()), metrics, checks,
            $"per seed, 95% interval: r(AP_m1, AP_m2) ≥ {checks.ThresholdOf(PairCheck)} for every class and method pair, above the untrained twin's; top-1 in ≥ {checks.ThresholdOf(IdentificationCheck):P0} of the classes and ≥ {checks.ThresholdOf(ClassifiedCheck):P0} of the ADEs their target (exact binomial intervals); confidence ≥ {checks.ThresholdOf(ConfidenceCheck)}",
            watch, timings, images, matrices);
    }

    private static MethodRun Methods3(ClaimContext ctx, torch.nn.Module<torch.Tensor, torch.Tensor> model, int seed, string label)
    {
        var p = ctx.Profile;
        var runner = new PerturbationRunner(new InputGradientAttack(model, 10, Attack(p)), 28, 28, p.NoiseSigma, p.MaxAttackBatch)
        { Stage = Stage(ctx, label, NetworkSpec.FcMnist), Memo = ctx.Attacks };
        // The seconds are those of the attack when it ran, also when the run's attack memo answers.
        var (single, singleSeconds) = runner.RunTimed(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"zero {c}", Feed.Zero, c))
            .Concat(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"noise {c}", Feed.Noise, c))).ToArray(), seed, ctx.Device, cancel: ctx.Cancel);
        double zeroSeconds = singleSeconds / 20;
        var (aai, aaiBatchSeconds) = runner.RunTimed(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"aai {c}", Feed.AdversarialAverage, c, p.AaiAdes)).ToArray(),
            seed + 1000, ctx.Device, cancel: ctx.Cancel);
        double aaiSeconds = aaiBatchSeconds / 10;
        return new MethodRun(single.Take(10).Select(r => r.Image).ToArray(), single.Skip(10).Select(r => r.Image).ToArray(), aai.Select(r => r.Image).ToArray(),
            single.Concat(aai).SelectMany(r => r.Examples).ToList(), zeroSeconds, aaiSeconds);
    }
}
