using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Bench;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;
using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>Shared pieces of the claim experiments: readings, checks, records, parallel seeds.</summary>
public static class ClaimKit
{
    public static readonly string[] Digits = Enumerable.Range(0, 10).Select(c => $"Class {c}").ToArray();

    /// <summary>Readings of details the paper leaves open, common to every claim.</summary>
    public static Dictionary<string, string> CommonReadings(ProfileSettings p) => new()
    {
        ["attackLoss"] = p.AttackLoss switch
        {
            AttackLoss.CrossEntropy => "cross-entropy between the softmax prediction and the one-hot target (the paper: 'distance'); the mean and the summed squared error over classes are options",
            AttackLoss.MeanSquaredError => "mean over classes of (softmax − one-hot)², Keras' mean_squared_error (at most 0.2 for ten classes, so Figure 2's 'loss 1' stops at step 0)",
            _ => "sum over classes of (softmax − one-hot)², the most literal reading of the paper's 'distance'",
        },
        ["attackLearningRate"] = $"{p.AttackLearningRate:g3} (plain gradient descent on the input, no sign, no clipping, no box constraint)",
        ["noiseSigma"] = $"normal noise with σ = {p.NoiseSigma:g3} for noise feed and AAI (about MNIST's pixel standard deviation)",
        ["aai"] = "AAI = sum of the final ADEs (not of their perturbations), each started from its own noise",
        ["optimizerSettings"] = "Keras defaults: SGD lr 0.01 without momentum, Adam lr 0.001, batch 32, cross-entropy",
        ["validationSet"] = "the last 10,000 of the 60,000 training images are held out as the validation split; training uses the first 50,000 and stops at the first check (every 100 steps and each epoch end) that reaches the target; Table 1's accuracy and loss are measured on the untouched 10,000 test images",
        ["pncSet"] = "PNCs from the 60,000 training images; constant images min–max normalise to zero",
        ["failedAttack"] = "an AP is blank (failed) when its ADE's target confidence is < 0.5 at the stop, or it diverged",
        ["inputScale"] = "pixels scaled to [0, 1]",
    };

    /// <summary>Run one function per seed, side by side up to the profile's parallelism, results in seed order.</summary>
    public static T[] PerSeed<T>(ClaimContext ctx, string claim, IReadOnlyList<int> seeds, Func<int, T> run)
    {
        var results = new T[seeds.Count];
        int done = 0;
        InOrder(ctx, seeds.Count,
            i =>
            {
                results[i] = run(seeds[i]);
                ctx.Report(claim, $"seed {seeds[i]} done", Interlocked.Increment(ref done) / (double)seeds.Count);
            });
        return results;
    }

    /// <summary>Run independent jobs side by side, results in order.</summary>
    public static T[] InParallel<TIn, T>(ClaimContext ctx, IReadOnlyList<TIn> jobs, Func<TIn, T> run)
    {
        var results = new T[jobs.Count];
        InOrder(ctx, jobs.Count, i => results[i] = run(jobs[i]));
        return results;
    }

    /// <summary>The training target of the FC network on MNIST that C1 attacks with its three methods and C7 times (one cached training serves both).</summary>
    public const double MethodNetworkTarget = 0.92;

    /// <summary>The training of C1's and C7's network: SGD to <see cref="MethodNetworkTarget"/> validation accuracy.</summary>
    public static TrainingSpec MethodNetworkTraining(int seed, ProfileSettings p) =>
        FcTraining(OptimizerKind.Sgd, MethodNetworkTarget, seed, p, Table1Configuration.MnistFcSgd.PaperLoss);

    /// <summary>Jobs 0 … n−1 on the run's workers, started in that order (callers list the longest first).</summary>
    /// <remarks>
    /// Why the run's pool and not Parallel.For: Parallel.For splits the range between its workers up front, so the second
    /// worker starts at job n/2 and longest-first ordering is lost (four 400 ms jobs then eight 50 ms ones on two workers took
    /// 1,649 ms with it and 1,011 ms handed out one at a time; the ideal is 1,000); and loops of claims, cells and units that
    /// run side by side share the pool's workers instead of each bringing its own.
    /// </remarks>
    private static void InOrder(ClaimContext ctx, int n, Action<int> body) =>
        ctx.Pool.Run([.. Enumerable.Range(0, n).Select(i => new PoolJob(null, n - i, () => body(i)))], ctx.Cancel);

    /// <param name="paperLoss">Table 1's loss for this network, the second stopping target under <see cref="ValidationRule.AccuracyAndLoss"/>.</param>
    public static TrainingSpec FcTraining(OptimizerKind opt, double target, int seed, ProfileSettings p, double paperLoss) =>
        new() { Optimizer = opt, TargetAccuracy = target, TargetLoss = LossTarget(p, paperLoss), Seed = seed, MaxEpochs = p.FcMaxEpochs };

    public static TrainingSpec CnnTraining(OptimizerKind opt, double target, int seed, ProfileSettings p, double paperLoss) =>
        new() { Optimizer = opt, TargetAccuracy = target, TargetLoss = LossTarget(p, paperLoss), Seed = seed, MaxEpochs = p.CnnMaxEpochs, ValidationSamples = p.CnnValidationSamples };

    private static double? LossTarget(ProfileSettings p, double paperLoss) => p.ValidationRule == ValidationRule.AccuracyAndLoss ? paperLoss : null;

    public static AttackSettings Attack(ProfileSettings p, StopCondition? stop = null) =>
        new() { LearningRate = p.AttackLearningRate, Loss = p.AttackLoss, Stop = stop ?? StopCondition.Iterations(p.Iterations) };

    /// <summary>Where an attack on <paramref name="network"/> records its batches: the context's stage log, if it has one.</summary>
    public static AttackStage? Stage(ClaimContext ctx, string label, NetworkSpec network) =>
        ctx.Stages is { } log ? new AttackStage(log, label, network) : null;

    /// <summary>Runs an analysis step, recorded as a stage when the context keeps a stage log (no FLOPs counted: it is not matmul work).</summary>
    public static T AnalysisStep<T>(ClaimContext ctx, string name, Func<T> work) =>
        ctx.Stages is { } log ? log.Time(name, StageKind.Analysis, 0, work) : work();

    /// <summary>Zero or noise feed for every class, one batched attack; the gradient by autograd unless <paramref name="gradient"/> is given.</summary>
    public static IReadOnlyList<PerturbationResult> AllClasses(ClaimContext ctx, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model,
        int classes, int h, int w, Feed feed, int seed, StopCondition? stop = null, AttackStage? stage = null, IInputGradient? gradient = null)
    {
        var attack = new InputGradientAttack(model, classes, Attack(ctx.Profile, stop), gradient);
        var runner = new PerturbationRunner(attack, h, w, ctx.Profile.NoiseSigma, ctx.Profile.MaxAttackBatch) { Stage = stage, Memo = ctx.Attacks };
        return runner.Run(Enumerable.Range(0, classes).Select(c => new PerturbationRequest($"{feed} {c}", feed, c)).ToArray(), seed, ctx.Device, cancel: ctx.Cancel);
    }

    public static float[]?[] Images(IEnumerable<PerturbationResult> results, bool blankFailed) =>
        results.Select(r => blankFailed && r.Failed ? null : r.Image).ToArray();

    public static IEnumerable<ImageRecord> Row(string figure, string row, IReadOnlyList<float[]?> images, IReadOnlyList<string> columns, int h, int w, Func<int, string?>? note = null) =>
        images.Select((img, i) => new ImageRecord(figure, row, columns[i], h, w, img, note?.Invoke(i)));

    public static MatrixRecord Matrix(string figure, string name, double[][] m, IReadOnlyList<string> rows, IReadOnlyList<string> cols) =>
        new(figure, name, rows, cols, m, MatrixSummary.Of(m).ToString());

    public static JsonObject Parameters(ProfileSettings p, object claimParameters)
    {
        var o = (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(claimParameters))!;
        o["profile"] = p.ToJson();
        return o;
    }

    /// <summary>The claim's record: its checks, outcomes and verdict come from <paramref name="checks"/>.</summary>
    public static ClaimResult Result(ClaimContext ctx, IClaim claim, IReadOnlyList<int> seeds, JsonObject parameters, IReadOnlyDictionary<string, string> readings,
        IReadOnlyDictionary<string, Metric> metrics, RecordBuilder checks, string threshold, Stopwatch watch, IReadOnlyDictionary<string, Metric>? timings = null,
        IReadOnlyList<ImageRecord>? images = null, IReadOnlyList<MatrixRecord>? matrices = null, IReadOnlyList<Table1Row>? table1 = null, string? finding = null)
    {
        var v = checks.Verdict();
        return new ClaimResult
        {
            Id = claim.Id, Title = claim.Info.Title, Section = claim.Info.Section, PaperWords = claim.Info.PaperWords, Profile = ctx.Profile.Name, Seeds = seeds,
            Parameters = parameters, Readings = readings, Metrics = metrics, Checks = checks.Checks, Threshold = threshold, Verdict = v,
            ExploratoryVerdict = checks.ExploratoryVerdict(),
            Finding = v is Verdict.Re or Verdict.Recorded ? null : finding ?? checks.Finding(),
            WallSeconds = watch.Elapsed.TotalSeconds, Timings = timings ?? new Dictionary<string, Metric>(),
            Images = images ?? [], Matrices = matrices ?? [], Table1 = table1 ?? [], Environment = ctx.Environment(),
        };
    }

    public static Dictionary<string, string> Merge(params IReadOnlyDictionary<string, string>[] parts)
    {
        var d = new Dictionary<string, string>();
        foreach (var p in parts) foreach (var (k, v) in p) d[k] = v;
        return d;
    }

    public static DatasetSplit Mnist(ClaimContext ctx) => ctx.Dataset(DatasetId.Mnist);
}
