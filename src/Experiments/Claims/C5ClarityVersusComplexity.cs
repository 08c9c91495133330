using System.Diagnostics;
using MathNet.Numerics.Statistics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Data;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C5 — §3: "as the complexity of the architectures and optimizers grow, the clarity of the patterns
/// deteriorate". Clarity is measured as the AP–PNC diagonal mean; complexity is the rank
/// FC-SGD &lt; FC-Adam &lt; CNN-SGD &lt; CNN-Adam &lt; CNN-BN-SGD &lt; CNN-BN-Adam.
/// </summary>
public sealed class C5ClarityVersusComplexity : IClaim
{
    public ClaimInfo Info => PaperClaims.C5;
    public string Id => Info.Id;
    /// <summary>0.01 since 2026-12-03, as in every other claim (0.05 before).</summary>
    public const double Alpha = 0.01;
    /// <summary>§4.3's "more time-consuming to generate ADEs", in iterations: the zero feed's steps to this target confidence.</summary>
    public const double SpeedConfidence = 0.99;

    public IReadOnlyList<SharedExperiment> Uses => [ApPncRuns.Experiment];

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var runs = ApPncRuns.Of(ctx);
        var metrics = new Dictionary<string, Metric>();
        var checks = new RecordBuilder(Id);
        // Seeds every configuration has, so that each seed gives one ρ over all six.
        var seeds = p.CnnSeeds.Intersect(p.FcSeeds).Order().ToArray();
        var untested = Table1Budget.Check(checks, ctx, Table1Configuration.All);
        var speed = IterationsToConfidence(ctx);
        foreach (var id in new[] { DatasetId.Mnist, DatasetId.FashionMnist })
        {
            var configs = Table1Configuration.All.Where(c => c.Dataset == id).OrderBy(c => c.ComplexityRank).ToArray();
            var rank = configs.Select(c => (double)c.ComplexityRank).ToArray();
            // Clarity of a configuration: AP–PNC diagonal mean over both feeds (failed classes left out), on the seeds all six share.
            double Clarity(Table1Configuration c, Func<ApPncRun, bool> which) =>
                runs.Where(r => r.Config == c && seeds.Contains(r.Seed) && which(r)).Select(r => r.Summary.DiagonalMean).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();
            var clarity = configs.Select(c => Clarity(c, _ => true)).ToArray();
            string name = configs[0].DatasetName;
            for (int i = 0; i < configs.Length; i++)
            {
                metrics[$"{name} {configs[i].Name}.clarity"] = Metric.Single(clarity[i]);
                metrics[$"{name} {configs[i].Name}.failedClasses"] = Metric.Of(runs.Where(r => r.Config == configs[i] && seeds.Contains(r.Seed)).Select(r => (double)r.FailedClasses));
            }
            var pooled = SpearmanTrend.Of(rank, clarity);
            metrics[$"{name}.spearmanRho"] = Metric.Single(pooled.Rho);
            metrics[$"{name}.exactP"] = Metric.Single(pooled.PFalling);
            // Seeds are the replicates: Page's L ranks the six configurations within each seed and asks whether the ranks fall with
            // complexity consistently across seeds; a p from the seed-averaged clarities would ignore that replication.
            var blocks = seeds.Select(s => (IReadOnlyList<double>)configs.Select(c => Clarity(c, r => r.Seed == s)).ToArray()).ToList();
            var page = PageTrend.Of(blocks, falling: true);
            metrics[$"{name}.pageL"] = Metric.Single(page.L);
            metrics[$"{name}.pageExactP"] = Metric.Single(page.P);
            var perSeed = blocks.Select(b => SpearmanTrend.Of(rank, b).Rho);
            var why = configs.Select(c => untested[c]).Where(u => u is not null).ToList();
            // §4.3: the same six configurations, ranked by how many steps the zero feed needs to a confidence of 0.99.
            double Steps(Table1Configuration c, int s) => Statistics.Median(speed[(c, s)].Select(i => i < 0 ? double.PositiveInfinity : i));
            foreach (var c in configs)
                metrics[$"{name} {c.Name}.medianIterationsToConfidence"] = Metric.Of(c.Seeds(p).Select(s => Steps(c, s)));
            var speedBlocks = seeds.Select(s => (IReadOnlyList<double>)configs.Select(c => Steps(c, s)).ToArray()).ToList();
            var speedPage = PageTrend.Of(speedBlocks);
            checks.Claim($"{name}: iterations to a confidence of 0.99 rise with complexity", seeds,
                speedBlocks.Select(b => SpearmanTrend.Of(rank, b).Rho),
                double.IsNaN(speedPage.P) ? null : PValue.Exact(speedPage.P, $"no trend: each seed's ranking of the six configurations equally likely (Page's L, exact, {seeds.Length} seeds as blocks)"),
                Alpha, $"Page's L = {speedPage.L:G4}; cap {p.Iterations} iterations; the interval is Fisher z over seeds", CheckStatistic.Correlation,
                untested: why.Count > 0 ? "the trend ranks networks short of Table 1: " + string.Join("; ", why) : null);
            // §2.2: "the networks could engineer ADEs for some classes dramatically faster than the others".
            var fc = configs[0];
            checks.Recorded($"{name} FC-SGD: slowest class over fastest",
                fc.Seeds(p), fc.Seeds(p).Select(s => speed[(fc, s)] is var it && it.Any(i => i < 0) ? double.PositiveInfinity : it.Max() / (double)Math.Max(1, it.Min())),
                note: $"a class that does not reach {SpeedConfidence} within {p.Iterations} iterations makes the ratio infinite");
            checks.Claim($"{name}: clarity falls with complexity", seeds, perSeed,
                double.IsNaN(page.P) ? null : PValue.Exact(page.P, $"no trend: each seed's ranking of the six configurations equally likely (Page's L, exact, {seeds.Length} seeds as blocks)"),
                Alpha, $"Page's L = {page.L:G4}; the interval is Fisher z over seeds", CheckStatistic.Correlation,
                untested: why.Count > 0 ? "the trend ranks networks short of Table 1: " + string.Join("; ", why) : null);
        }
        var parameters = Parameters(p, new
        {
            complexityOrder = new[] { "FC-SGD", "FC-Adam", "CNN-SGD", "CNN-Adam", "CNN*-SGD", "CNN*-Adam" },
            clarity = "AP–PNC diagonal mean, averaged over zero and noise feed (and, for the pooled ρ, over the seeds all six configurations share), from C4's attacks; classes whose attack failed are left out and counted",
            test = "Page's L, seeds as blocks and the six configurations in complexity order as treatments; exact one-sided p, the convolution of each seed's distribution over all 6! orderings (MathNet ranks)",
            speed = $"zero feed, every class, stopped at a target confidence of {SpeedConfidence} or after {p.Iterations} iterations; per configuration and seed the median over classes of the iterations (a class that does not reach it is slower than every other); Page's L over the six configurations, rising",
            pooledRho = "Spearman ρ of the seed-averaged clarities and its exact p over all 6! orderings, kept as metrics", alpha = Alpha,
        });
        var readings = Merge(CommonReadings(p), p.Cnn(true).Readings(), new Dictionary<string, string>
        {
            ["complexityOrder"] = "'as the complexity of the architectures and optimizers grow' read as the total order FC-SGD < FC-Adam < CNN-SGD < CNN-Adam < CNN*-SGD < CNN*-Adam (architecture first, then Adam above SGD)",
        });
        return Result(ctx, this, seeds, parameters, readings, metrics, checks,
            $"on each dataset: Spearman ρ(complexity rank, clarity) < 0 per seed (Fisher-z interval over seeds) and Page's exact one-sided p < {Alpha}, seeds as blocks", watch);
    }

    /// <summary>
    /// Per Table 1 network and seed, each class's zero-feed iterations to a target confidence of <see cref="SpeedConfidence"/>
    /// (−1 where the profile's iterations did not reach it).
    /// </summary>
    private static IReadOnlyDictionary<(Table1Configuration, int), int[]> IterationsToConfidence(ClaimContext ctx)
    {
        var p = ctx.Profile;
        var jobs = Table1Networks.Jobs(p);
        var stop = new Attacks.StopCondition(MinConfidence: SpeedConfidence, MaxIterations: p.Iterations);
        var results = InParallel(ctx, jobs, j =>
        {
            var spec = j.Config.Network(p);
            using var net = ctx.Trainer.TrainOrLoad(spec, j.Config.Training(p, j.Seed), ctx.Dataset(j.Config.Dataset), cancel: ctx.Cancel);
            var runs = AllClasses(ctx, net.Model, 10, 28, 28, Perturbations.Feed.Zero, j.Seed, stop, Stage(ctx, $"{j.Config.Label} s{j.Seed} to confidence {SpeedConfidence}", spec));
            return runs.Select(r => r.Examples[0] is var e && e.StoppedBy == Attacks.StopReason.Confidence ? e.Iterations : -1).ToArray();
        });
        return jobs.Select((j, i) => (j, r: results[i])).ToDictionary(x => (x.j.Config, x.j.Seed), x => x.r);
    }
}
