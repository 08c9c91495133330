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
/// C4 — Figures 3 and 4, §3, §4.2: the APs approximate their class's PNC, uniquely per class,
/// for every network of Table 1.
/// </summary>
public sealed class Figures3And4ApVersusPnc : IClaim
{
    public string Id => "C4";
    public string Title => "Figures 3 and 4: APs approximate PNCs, uniquely per class";
    public const string Section = "§2.5, §3, §4.2, Figs. 3–4";
    public const string PaperWords = "As Fig. 3 and 4 show the patterns approximate their corresponding PNCs, with a striking accuracy in simpler models and training plans.";
    public const int Top1Mnist = 9, Top1Fashion = 8;
    public const double OverUntrained = 0.2;
    public static readonly Feed[] Feeds = [Feed.Zero, Feed.Noise];

    /// <summary>Attack every Table 1 network (both feeds) and its untrained twin once per context; C5 reuses it.</summary>
    public static IReadOnlyList<ApPncRun> RunAll(ClaimContext ctx) => ctx.Memo("c4-runs", () =>
    {
        var p = ctx.Profile;
        Table1Configuration.TrainAll(ctx);
        var pncs = new Dictionary<DatasetId, float[][]>();
        var shuffled = new Dictionary<DatasetId, float[][]>();
        foreach (var id in new[] { DatasetId.Mnist, DatasetId.FashionMnist })
        {
            pncs[id] = Pnc.Compute(ctx.Dataset(id).Train);
            shuffled[id] = Pnc.ComputeShuffled(ctx.Dataset(id).Train, 12345);
        }
        var jobs = Table1Configuration.Jobs(p);
        int done = 0;
        var perJob = InParallel(ctx, jobs, j =>
        {
            var data = ctx.Dataset(j.Config.Dataset);
            var spec = j.Config.Network(p);
            using var net = ctx.Trainer.TrainOrLoad(spec, j.Config.Training(p, j.Seed), data, cancel: ctx.Cancel);
            using var untrained = Models.Trainer.CreateSeeded(spec, j.Seed + 7919);
            untrained.to(ctx.Device);
            var watch = Stopwatch.StartNew();
            var trained = Attack(ctx, net.Model, j.Seed);
            double seconds = watch.Elapsed.TotalSeconds / trained.Count;
            var control = Attack(ctx, untrained, j.Seed);
            ctx.Report("C4", $"attacked {j.Config.DatasetName} {j.Config.Name} seed {j.Seed}", Interlocked.Increment(ref done) / (double)jobs.Count);
            return Feeds.Select((feed, f) =>
            {
                var mine = trained.Skip(f * 10).Take(10).ToArray();
                var aps = Images(mine, blankFailed: true);
                var m = Correlation.Matrix(aps, pncs[j.Config.Dataset]);
                var controlAps = Images(control.Skip(f * 10).Take(10), blankFailed: false);
                return new ApPncRun(j.Config, j.Seed, feed, aps, m, MatrixSummary.Of(m),
                    MatrixSummary.Of(Correlation.Matrix(controlAps, pncs[j.Config.Dataset])),
                    MatrixSummary.Of(Correlation.Matrix(aps, shuffled[j.Config.Dataset])),
                    mine.Count(r => r.Failed), seconds);
            }).ToArray();
        });
        return (IReadOnlyList<ApPncRun>)perJob.SelectMany(x => x).ToList();
    });

    private static IReadOnlyList<PerturbationResult> Attack(ClaimContext ctx, TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, int seed)
    {
        var attack = new InputGradientAttack(model, 10, ClaimKit.Attack(ctx.Profile));
        var runner = new PerturbationRunner(attack, 28, 28, ctx.Profile.NoiseSigma, ctx.Profile.MaxAttackBatch);
        var requests = Feeds.SelectMany(f => Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"{f} {c}", f, c))).ToArray();
        return runner.Run(requests, seed, ctx.Device, cancel: ctx.Cancel);
    }

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var runs = RunAll(ctx);
        var metrics = new Dictionary<string, Metric>();
        var checks = new List<Check>();
        var groups = runs.GroupBy(r => (r.Config, r.Feed)).ToList();
        foreach (var g in groups)
        {
            string key = $"{g.Key.Config.DatasetName} {g.Key.Config.Name} {g.Key.Feed}";
            metrics[$"{key}.top1"] = Metric.Of(g.Select(r => (double)r.Summary.Top1));
            metrics[$"{key}.diagonalMean"] = Metric.Of(g.Select(r => r.Summary.DiagonalMean));
            metrics[$"{key}.offDiagonalMean"] = Metric.Of(g.Select(r => r.Summary.OffDiagonalMean));
            metrics[$"{key}.margin"] = Metric.Of(g.Select(r => r.Summary.MeanMargin));
            metrics[$"{key}.untrainedControl.diagonalMean"] = Metric.Of(g.Select(r => r.UntrainedControl.DiagonalMean));
            metrics[$"{key}.shuffledPncControl.diagonalMean"] = Metric.Of(g.Select(r => r.ShuffledControl.DiagonalMean));
            metrics[$"{key}.failedClasses"] = Metric.Of(g.Select(r => (double)r.FailedClasses));
        }
        foreach (var feed in Feeds)
        {
            var mn = groups.Single(g => g.Key.Config == Table1Configuration.All[0] && g.Key.Feed == feed);
            var fm = groups.Single(g => g.Key.Config == Table1Configuration.All[6] && g.Key.Feed == feed);
            checks.Add(AtLeast($"MNIST FC-SGD {feed} feed: unique per class", "top-1 identification of r(AP_i, PNC_j), mean over seeds", Top1Mnist, mn.Average(r => r.Summary.Top1)));
            checks.Add(AtLeast($"F-MNIST FC-SGD {feed} feed: unique per class", "top-1 identification of r(AP_i, PNC_j), mean over seeds", Top1Fashion, fm.Average(r => r.Summary.Top1)));
        }
        var succeeded = groups.Where(g => g.All(r => r.Succeeded)).ToList();
        double minOverUntrained = succeeded.Min(g => g.Average(r => r.Summary.DiagonalMean) - g.Average(r => r.UntrainedControl.DiagonalMean));
        double minOverShuffled = succeeded.Min(g => g.Average(r => r.Summary.DiagonalMean) - g.Average(r => r.ShuffledControl.DiagonalMean));
        metrics["succeededNetworkFeeds"] = Metric.Single(succeeded.Count);
        metrics["minDiagonalOverUntrainedControl"] = Metric.Single(minOverUntrained);
        metrics["minDiagonalOverShuffledPncControl"] = Metric.Single(minOverShuffled);
        checks.Add(AtLeast("every network beats the untrained-network control", "min over successful networks and feeds of (diagonal mean − untrained control's)", OverUntrained, minOverUntrained));
        checks.Add(new Check("every network beats the shuffled-label PNC control", "min over successful networks and feeds of (diagonal mean − shuffled-label control's)", ">", 0, minOverShuffled, minOverShuffled > 0));

        var images = new List<ImageRecord>();
        var matrices = new List<MatrixRecord>();
        foreach (var (id, figure) in new[] { (DatasetId.Mnist, "Figure3"), (DatasetId.FashionMnist, "Figure4") })
        {
            images.AddRange(Row(figure, "PNC", Pnc.Compute(ctx.Dataset(id).Train), Digits, 28, 28));
            foreach (var c in Table1Configuration.All.Where(c => c.Dataset == id))
                foreach (var feed in Feeds)
                {
                    var first = runs.First(r => r.Config == c && r.Feed == feed);
                    images.AddRange(Row(figure, $"{c.Name} ({(feed == Feed.Zero ? "zero" : "noise")})", first.Aps, Digits, 28, 28,
                        i => first.Aps[i] is null ? "attack failed" : null));
                    if (feed == Feed.Zero)
                        matrices.Add(Matrix(figure, $"{c.DatasetName} {c.Name} zero feed: r(AP_i, PNC_j)", first.Matrix, Digits, Digits));
                }
        }
        var parameters = Parameters(p, new
        {
            configurations = Table1Configuration.All.Select(c => new { dataset = c.DatasetName, name = c.Name, network = c.Network(p), seeds = c.Seeds(p) }),
            feeds = Feeds, attack = ClaimKit.Attack(p), untrainedControl = "same architecture, seeded with seed + 7919, not trained, attacked identically",
            shuffledControl = "PNCs of the training set with labels shuffled by seed 12345", succeededRule = "a network and feed counts when at most 5 of 10 classes failed",
        });
        var readings = Merge(CommonReadings(p), p.Cnn(true).Readings(), new Dictionary<string, string>
        {
            ["figures3And4Rows"] = "both zero and noise feed are shown for every configuration (the paper hand-picked one of the two)",
        });
        return Result(ctx, Id, Title, Section, PaperWords, p.FcSeeds.Union(p.CnnSeeds).Order().ToArray(), parameters, readings, metrics, checks,
            $"top-1 ≥ {Top1Mnist}/10 (MNIST FC-SGD) and ≥ {Top1Fashion}/10 (F-MNIST FC-SGD); diagonal mean ≥ untrained control + {OverUntrained} and > shuffled-label control for every successful network",
            watch, new Dictionary<string, Metric>
            {
                ["secondsPerAp.FC"] = Metric.Of(runs.Where(r => r.Config.Architecture == Architecture.Fc).Select(r => r.Seconds)),
                ["secondsPerAp.CNN"] = Metric.Of(runs.Where(r => r.Config.Architecture != Architecture.Fc).Select(r => r.Seconds)),
            }, images, matrices);
    }
}
