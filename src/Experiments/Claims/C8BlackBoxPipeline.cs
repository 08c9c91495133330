using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using TorchSharp;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C8 — §4.2: "a pipeline from making queries with zero or noise feed to a blackbox model, to the average vectors of the
/// training dataset", on FC-SGD (MNIST and F-MNIST, every FC seed), in four parts:
/// <list type="number">
/// <item>APs as class templates: test images classified by argmax_c r(x, zero-feed AP_c), beside the same rule with the
/// oracle PNCs, the oracle class means, the untrained twin's APs and seeded random templates.</item>
/// <item>Recovering the class means (recorded): r(AP_c, μ_c − m). Min–max normalisation leaves PNCs, and so APs, only
/// the shape of the centred means.</item>
/// <item>The training set leaks: a canary patch planted in 30% of MNIST's class-7 training images shows in AP_7 of the
/// networks trained on it, against the Table 1 networks (same seeds, same split, no canary), by an exact Mann–Whitney p.</item>
/// <item>A gradient-free black box: the same zero-feed attack with the gradient estimated from softmax outputs alone
/// (<see cref="NesInputGradient"/>), its APs identifying their PNCs (MNIST), with its queries counted.</item>
/// </list>
/// No choice is made from data, so every seed judges.
/// </summary>
public sealed class C8BlackBoxPipeline : IClaim
{
    public ClaimInfo Info => PaperClaims.C8;

    /// <summary>False: its black-box (NES) attacks are kept by no cache.</summary>
    public bool Cached => false;
    public string Id => Info.Id;

    public const double Alpha = 0.01;
    /// <summary>Seeds of the random templates (+ network seed) and of the black box's sampling directions (+ network seed).</summary>
    public const int RandomTemplateSeed = 4242, NesSeed = 8080;
    /// <summary>Queries per image and step for the gradient estimate (10 antithetic pairs), and the directions' σ in pixel units.</summary>
    public const int NesSamplesPerStep = NesInputGradient.DefaultSamplesPerStep;
    public const double NesSigma = NesInputGradient.DefaultSigma;

    /// <summary>A 3×3 patch of 1 in MNIST's top-left corner, in a seeded 30% of the class-7 training images.</summary>
    public static Canary Canary { get; } = new(Class: 7, Fraction: 0.3, Row: 0, Column: 0, Size: 3, Value: 1f, Seed: 20261129);

    private const int Side = 28;

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var seeds = p.FcSeeds;
        var checks = new RecordBuilder(Id);
        var metrics = new Dictionary<string, Metric>();
        var timings = new Dictionary<string, Metric>();
        var images = new List<ImageRecord>();
        var matrices = new List<MatrixRecord>();
        var perDataset = new Dictionary<DatasetId, SeedRun[]>();
        var untested = new Dictionary<Table1Configuration, string?>();

        foreach (var config in new[] { Table1Configuration.MnistFcSgd, Table1Configuration.FashionFcSgd })
        {
            string name = config.DatasetName;
            var data = ctx.Dataset(config.Dataset);
            var pnc = Pnc.Compute(data.Train);
            var means = Pnc.ClassMeans(data.Train);
            var global = GlobalMean(data.Train);
            var centred = means.Select(m => m.Select((v, px) => v - global[px]).ToArray()).ToArray();
            bool blackBox = config.Dataset == DatasetId.Mnist;
            var runs = InParallel(ctx, seeds, s => RunSeed(ctx, config, s, pnc, blackBox));
            perDataset[config.Dataset] = runs;
            untested[config] = Table1Budget.Check(checks, p, [(config, seeds)], runs.ToDictionary(r => (config, r.Seed), r => r.Training))[config];
            ctx.Report(Id, $"{name}: APs of {seeds.Length} networks", blackBox ? 0.4 : 0.6);

            // 1. APs as class templates, beside the oracle and null templates.
            double pncAccuracy = TemplateClassifier.Accuracy(data.Test, pnc);
            double meanAccuracy = TemplateClassifier.Accuracy(data.Test, means);
            var ap = runs.Select(r => TemplateClassifier.Accuracy(data.Test, r.Aps)).ToArray();
            var twin = runs.Select(r => TemplateClassifier.Accuracy(data.Test, r.TwinAps)).ToArray();
            var random = runs.Select(r => TemplateClassifier.Accuracy(data.Test, RandomTemplates(RandomTemplateSeed + r.Seed, data.Train.PixelCount))).ToArray();
            checks.Claim($"{name}: APs classify as class templates", seeds, ap.Zip(twin, (a, t) => a - t), statistic: CheckStatistic.Bounded(-1, 1), untested: untested[config]);
            checks.Recorded($"{name}: AP template accuracy", seeds, ap);
            checks.Recorded($"{name}: PNC template accuracy (oracle)", seeds, seeds.Select(_ => pncAccuracy));
            checks.Recorded($"{name}: class-mean template accuracy (oracle)", seeds, seeds.Select(_ => meanAccuracy));
            double linearAccuracy = TemplateClassifier.Accuracy(data.Test, LinearTemplates.Of(ctx, config.Dataset));
            checks.Recorded($"{name}: linear classifier's template accuracy", seeds, seeds.Select(_ => linearAccuracy));
            checks.Recorded($"{name}: untrained twin's AP template accuracy", seeds, twin);
            checks.Recorded($"{name}: random template accuracy", seeds, random);
            checks.Recorded($"{name}: share of the oracle PNC accuracy", seeds, ap.Select(a => a / pncAccuracy));
            // §4.2 against its rival: do the APs sort the test images as the PNCs do, or as the plain class means do?
            var byPnc = TemplateClassifier.Classify(data.Test, pnc);
            var byMean = TemplateClassifier.Classify(data.Test, means);
            var byAp = runs.Select(r => TemplateClassifier.Classify(data.Test, r.Aps)).ToArray();
            double Agreement(int[] a, int[] b) => a.Where((c, i) => c == b[i]).Count() / (double)a.Length;
            var withPnc = byAp.Select(a => Agreement(a, byPnc)).ToArray();
            var withMean = byAp.Select(a => Agreement(a, byMean)).ToArray();
            checks.Claim($"{name}: the AP templates classify as the PNCs do, more than as the class means do",
                seeds, withPnc.Zip(withMean, (a, b) => a - b), statistic: CheckStatistic.Bounded(-1, 1), untested: untested[config]);
            // The difference above is bounded by the templates' own accuracies (two classifiers agree mostly where both are right), so
            // the exploratory re-reading compares them only where the PNC and class-mean templates disagree.
            var split = Enumerable.Range(0, byPnc.Length).Where(i => byPnc[i] != byMean[i]).ToArray();
            checks.Claim($"{name}: where the PNC and class-mean templates disagree, the AP templates side with the PNCs",
                seeds, byAp.Select(a => (split.Count(i => a[i] == byPnc[i]) - split.Count(i => a[i] == byMean[i])) / (double)split.Length),
                note: $"{split.Length:N0} of {byPnc.Length:N0} test images", statistic: CheckStatistic.Bounded(-1, 1), untested: untested[config]);
            checks.Recorded($"{name}: AP templates agree with the PNC templates", seeds, withPnc,
                statistic: CheckStatistic.Bounded(0, 1));
            checks.Recorded($"{name}: AP templates agree with the class-mean templates", seeds, withMean,
                statistic: CheckStatistic.Bounded(0, 1));

            // 2. Recovering the class means: only the centred means' shape is within reach.
            var recovery = runs.Select(r => Matrices.DiagonalMean(Correlation.Matrix(r.Aps, centred))).ToArray();
            double pncRecovery = Matrices.DiagonalMean(Correlation.Matrix(pnc, centred));
            checks.Recorded($"{name}: APs recover the centred class means", seeds, recovery,
                note: $"the PNCs themselves reach {pncRecovery:F3}. {MeansAlgebra}");
            for (int c = 0; c < 10; c++)
                metrics[$"{name}.r(AP_c, centred mean_c).class{c}"] = Metric.Of(runs.Select(r => r.Aps[c] is { } a ? Correlation.Pearson(a, centred[c]) : double.NaN));
            metrics[$"{name}.r(PNC_c, centred mean_c)"] = Metric.Of(Enumerable.Range(0, 10).Select(c => Correlation.Pearson(pnc[c], centred[c])));
        }

        // 3. The canary: the Table 1 MNIST FC-SGD networks are the clean null (same seeds, same 50,000 training images).
        var mnist = ctx.Dataset(DatasetId.Mnist);
        // MNIST has no 3×3 patch blank in all 60,000 training images: the top-left corner is the nearest, touched by one.
        var (touched, largest) = Canary.Occupied(mnist.Train);
        checks.Sanity("the canary's corner is blank in all but one training image", seeds, seeds.Select(_ => (double)touched));
        checks.Recorded("largest pixel value in the canary's corner", seeds, seeds.Select(_ => (double)largest));
        var canaryTrain = Canary.Plant(mnist.Train, out var planted);
        var canaryData = new DatasetSplit(canaryTrain, mnist.Test);
        var canaryRuns = InParallel(ctx, seeds, s => CanarySeed(ctx, s, canaryData));
        ctx.Report(Id, "canary networks trained and attacked", 0.9);
        var clean = perDataset[DatasetId.Mnist];
        double[] Scores(IEnumerable<float[]?[]> aps, int c) => aps.Select(a => a[c] is { } img ? Canary.Score(img, Side) : double.NaN).ToArray();
        var cleanScores = Enumerable.Range(0, 10).Select(c => Scores(clean.Select(r => r.Aps), c)).ToArray();
        var canaryScores = Enumerable.Range(0, 10).Select(c => Scores(canaryRuns.Select(r => r.Aps), c)).ToArray();
        double[] Standardised(int c) => canaryScores[c].Select(v => (v - MathNet.Numerics.Statistics.Statistics.Mean(cleanScores[c])) / MathNet.Numerics.Statistics.Statistics.StandardDeviation(cleanScores[c])).ToArray();
        double[] Outscored(int c) => canaryScores[c].Select(v => MannWhitney.Auc([v], cleanScores[c])).ToArray();
        int k = Canary.Class;
        double mwP = MannWhitney.ExactUpperP(canaryScores[k], cleanScores[k]);
        checks.Claim($"the planted canary shows in AP_{k}",
            seeds, Standardised(k), PValue.Exact(mwP, "canary and clean networks' scores exchangeable (exact one-sided Mann–Whitney)"), Alpha,
            "p: five canary against five clean networks; complete separation gives 1/252", untested: untested[Table1Configuration.MnistFcSgd]);
        checks.Recorded("canary detection AUC", seeds, Outscored(k));
        checks.Recorded("canary networks' raw score", seeds, canaryScores[k]);
        checks.Recorded("clean networks' raw score", seeds, cleanScores[k]);
        var others = Enumerable.Range(0, 10).Where(c => c != k).ToArray();
        checks.Recorded("other nine classes: canary networks' standardised score", seeds, seeds.Select((_, i) => others.Average(c => Standardised(c)[i])));
        checks.Recorded("other nine classes: detection AUC", seeds, seeds.Select((_, i) => others.Average(c => Outscored(c)[i])));
        checks.Recorded("canary networks' test accuracy", seeds, canaryRuns.Select(r => r.TestAccuracy));
        foreach (var c in others)
        {
            metrics[$"canary.class{c}.standardisedScore"] = Metric.Of(Standardised(c));
            metrics[$"canary.class{c}.exactMannWhitneyP"] = Metric.Single(MannWhitney.ExactUpperP(canaryScores[c], cleanScores[c]));
        }
        metrics["canary.plantedImages"] = Metric.Single(planted.Length);
        metrics["canary.plantedImagesTrainedOn"] = Metric.Single(planted.Count(i => i < mnist.Train.Count - TrainingSpec.DefaultValidationHoldout));
        timings["secondsPerCanaryNetwork"] = Metric.Of(canaryRuns.Select(r => r.Seconds));
        foreach (var (s, i) in seeds.Select((s, i) => (s, i)))
        {
            images.Add(new ImageRecord(CanaryFigure, $"seed {s}", $"canary network: AP of class {k}", Side, Side, canaryRuns[i].Aps[k], $"{Standardised(k)[i]:F1} clean sd above the clean mean"));
            images.Add(new ImageRecord(CanaryFigure, $"seed {s}", $"clean network: AP of class {k}", Side, Side, clean[i].Aps[k]));
        }

        // 4. The black box, on MNIST.
        var box = clean;
        var mnistPnc = Pnc.Compute(mnist.Train);
        checks.Claim("black-box APs identify their class's PNC", seeds,
            box.Select(r => MatrixSummary.Of(Correlation.Matrix(r.BlackBoxAps!, mnistPnc)).Top1 / 10.0), statistic: CheckStatistic.Proportion(10),
            untested: untested[Table1Configuration.MnistFcSgd]);
        checks.Recorded("black-box AP agrees with the white-box AP", seeds,
            box.Select(r => Enumerable.Range(0, 10).Where(c => r.Aps[c] is not null && r.BlackBoxAps![c] is not null)
                .Select(c => Correlation.Pearson(r.Aps[c]!, r.BlackBoxAps![c]!)).DefaultIfEmpty(double.NaN).Average()));
        checks.Recorded("queries per black-box AP", seeds,
            box.Select(r => r.BlackBoxQueries / 10.0));
        checks.Recorded("black-box attack seconds per network", seeds, box.Select(r => r.BlackBoxSeconds));
        timings["secondsPerBlackBoxAp"] = Metric.Of(box.Select(r => r.BlackBoxSeconds / 10));
        var first = box[0];
        images.AddRange(Row(BlackBoxFigure, $"white-box APs (autograd), seed {first.Seed}", first.Aps, Digits, Side, Side));
        images.AddRange(Row(BlackBoxFigure, $"black-box APs (estimated), seed {first.Seed}", first.BlackBoxAps!, Digits, Side, Side));
        images.AddRange(Row(BlackBoxFigure, "PNCs of the training set", mnistPnc, Digits, Side, Side));
        matrices.Add(Matrix(BlackBoxFigure, $"MNIST FC-SGD: r(black-box AP_i, PNC_j), seed {first.Seed}", Correlation.Matrix(first.BlackBoxAps!, mnistPnc), Digits, Digits));

        // The bars are the register's (MNIST's and F-MNIST's template margins agree); the parameters and the criterion show them.
        double templateMargin = checks.ThresholdOf("MNIST: APs classify as class templates"), blackBoxTop1 = checks.ThresholdOf("black-box APs identify their class's PNC");
        var parameters = Parameters(p, new
        {
            networks = new[] { "MNIST FC-SGD", "F-MNIST FC-SGD" }, feed = "zero", attack = Attack(p), seeds,
            untrainedControl = $"same architecture, seeded with seed + {ApPncRuns.UntrainedSeedOffset}, not trained, attacked identically",
            randomTemplates = $"10 images of N(0, 1) pixels, seeded with {RandomTemplateSeed} + network seed",
            templateMargin, blackBoxTop1, alpha = Alpha,
            canary = new { Canary.Class, Canary.Fraction, Canary.Row, Canary.Column, Canary.Size, Canary.Value, Canary.Seed, plantedImages = planted.Length },
            canaryTraining = "as the Table 1 MNIST FC-SGD networks (same seeds, target, split), on the training set with the canary",
            blackBox = new { samplesPerStep = NesSamplesPerStep, sigma = NesSigma, seed = $"{NesSeed} + network seed", network = "MNIST FC-SGD" },
        });
        var readings = Merge(CommonReadings(p), NetworkSpec.FcMnist.Readings(), new Dictionary<string, string>
        {
            ["templateRule"] = "an image goes to argmax_c r(x, T_c), Pearson r on raw pixels of the test images; a failed trained AP never wins, the untrained twin's APs are used whether or not its attack reached the target",
            ["globalMean"] = "m, the mean of all 60,000 training images (not the mean of the class means)",
            ["classMeanRecovery"] = MeansAlgebra,
            ["canary"] = $"a {Canary.Size}×{Canary.Size} patch of {Canary.Value} at the top-left corner (rows and columns 0–{Canary.Size - 1}), blank in all but {touched} of the 60,000 MNIST training images (there it reaches {largest:F2}; no 3×3 patch anywhere is blank in all of them), stamped into round(30%) of the class-{Canary.Class} training images (all 60,000, the held-out ones included), drawn by a shuffle seeded {Canary.Seed}",
            ["canaryScore"] = "mean of AP_7 over the patch minus its mean over the whole image; standardised by the five clean networks' mean and sample sd",
            ["canaryNull"] = "the clean networks are the Table 1 MNIST FC-SGD networks of the same seeds: same initial weights, target, split and batch order, no canary",
            ["blackBox"] = $"the network answers softmax outputs only; log(max(p, {NesInputGradient.ProbabilityFloor:g1})) stands for its logits in the attack's loss and stop condition",
            ["nesEstimate"] = $"NES with antithetic Gaussian directions: {NesSamplesPerStep / 2} pairs per image and step, σ = {NesSigma:g2} in pixel units, ĝ = Σ [L(x+σu) − L(x−σu)] u / (2Nσ); the estimate replaces autograd's gradient in the same attack loop, same learning rate and 1,000 steps",
            ["queryCount"] = "a query is one image's forward pass; the loop's own forward pass at x counts, as do the 20 perturbed images per active image and step, all batched",
        });
        return Result(ctx, this, seeds, parameters, readings, metrics, checks,
            $"per seed, 95% interval: AP-template accuracy ≥ untrained twin's + {templateMargin}; canary networks' AP_{Canary.Class} score above the clean networks' (exact Mann–Whitney p < {Alpha}); black-box APs top-1 in ≥ {blackBoxTop1:P0} of the classes (MNIST, exact binomial interval)",
            watch, timings, images, matrices);
    }

    public const string CanaryFigure = "C8 canary: class-7 AP of the canary network beside the clean network of its seed";
    public const string BlackBoxFigure = "C8 black box: MNIST FC-SGD APs from autograd and from softmax queries, beside the PNCs";

    /// <summary>What min–max normalisation leaves of the class means, in the record's and the report's words.</summary>
    public const string MeansAlgebra =
        "PNC_c = N(μ_c) − N(ν_c), with ν_c = (n·m − n_c·μ_c)/(n − n_c) the mean of the other classes and N min–max normalisation, an affine map with " +
        "its own offset and scale per image. So PNC_c = a_c·(μ_c − m) + b_c·m + const, with a_c, b_c unknown per class: PNCs determine the class " +
        "means only up to the global mean and a per-class scale, and an AP that estimates a PNC recovers at best the shape of the centred mean " +
        "μ_c − m, which is what r measures.";

    private sealed record SeedRun(int Seed, TrainingReport Training, float[]?[] Aps, float[]?[] TwinAps, float[]?[]? BlackBoxAps, long BlackBoxQueries, double BlackBoxSeconds);

    private sealed record CanaryRun(int Seed, float[]?[] Aps, double TestAccuracy, double Seconds);

    private static SeedRun RunSeed(ClaimContext ctx, Table1Configuration config, int seed, float[][] pnc, bool blackBox)
    {
        var spec = config.Network(ctx.Profile);
        using var net = ctx.Trainer.TrainOrLoad(spec, config.Training(ctx.Profile, seed), ctx.Dataset(config.Dataset), cancel: ctx.Cancel);
        using var twin = Trainer.CreateSeeded(spec, seed + ApPncRuns.UntrainedSeedOffset);
        twin.to(ctx.Device);
        var aps = Images(AllClasses(ctx, net.Model, 10, Side, Side, Feed.Zero, seed), blankFailed: true);
        var twinAps = Images(AllClasses(ctx, twin, 10, Side, Side, Feed.Zero, seed), blankFailed: false);
        if (!blackBox) return new SeedRun(seed, net.Report, aps, twinAps, null, 0, double.NaN);
        using var nes = new NesInputGradient(net.Model, NesSamplesPerStep, NesSigma, NesSeed + seed);
        var watch = Stopwatch.StartNew();
        var boxAps = Images(AllClasses(ctx, net.Model, 10, Side, Side, Feed.Zero, seed, gradient: nes), blankFailed: true);
        return new SeedRun(seed, net.Report, aps, twinAps, boxAps, nes.Queries, watch.Elapsed.TotalSeconds);
    }

    private static CanaryRun CanarySeed(ClaimContext ctx, int seed, DatasetSplit data)
    {
        var config = Table1Configuration.MnistFcSgd;
        var watch = Stopwatch.StartNew();
        using var net = ctx.Trainer.TrainOrLoad(config.Network(ctx.Profile), config.Training(ctx.Profile, seed), data, cancel: ctx.Cancel);
        var aps = Images(AllClasses(ctx, net.Model, 10, Side, Side, Feed.Zero, seed), blankFailed: true);
        return new CanaryRun(seed, aps, net.Report.Accuracy, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The mean of all images, pixel by pixel.</summary>
    private static float[] GlobalMean(Dataset data)
    {
        var sum = new double[data.PixelCount];
        for (int i = 0; i < data.Count; i++)
        {
            var img = data.ImageSpan(i);
            for (int px = 0; px < sum.Length; px++) sum[px] += img[px];
        }
        return sum.Select(v => (float)(v / data.Count)).ToArray();
    }

    /// <summary>Ten templates of independent N(0, 1) pixels.</summary>
    private static float[][] RandomTemplates(int seed, int pixels)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister(seed));
        return Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, pixels).Select(_ => (float)normal.Sample()).ToArray()).ToArray();
    }
}
