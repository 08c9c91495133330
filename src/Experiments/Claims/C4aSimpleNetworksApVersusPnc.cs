using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Perturbations;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C4a — Figures 3 and 4, §3: in the simple networks (FC with SGD, on MNIST and F-MNIST) the APs approximate their
/// class's PNC "with a striking accuracy", uniquely per class. Strong checks: top-1 identification, a diagonal mean
/// well above the untrained twin's, and a permutation test against relabelled PNCs.
/// </summary>
public sealed class C4aSimpleNetworksApVersusPnc : IClaim
{
    public ClaimInfo Info => PaperClaims.C4a;
    public string Id => Info.Id;
    /// <summary>Proportions of the ten classes since 2026-12-03 (9 and 8 of 10 before), for the exact binomial interval.</summary>
    public const double Alpha = 0.01;

    public IReadOnlyList<SharedExperiment> Uses => [ApPncRuns.Experiment];

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var runs = ApPncRuns.Of(ctx);
        var checks = new RecordBuilder(Id);
        var metrics = new Dictionary<string, Metric>();
        var matrices = new List<MatrixRecord>();
        var configs = new[] { Table1Configuration.MnistFcSgd, Table1Configuration.FashionFcSgd }.Where(p.Table1Configurations.Contains).ToArray();
        var untested = Table1Budget.Check(checks, ctx, configs);
        foreach (var config in configs)
        {
            var test = ctx.Dataset(config.Dataset).Test;
            double imageNorm = Enumerable.Range(0, test.Count).Average(i => Norms.L2(test.ImageSpan(i)));
            foreach (var feed in ApPncRuns.Feeds)
            {
                var g = runs.Where(r => r.Config == config && r.Feed == feed).OrderBy(r => r.Seed).ToList();
                var seeds = g.Select(r => r.Seed).ToArray();
                string key = $"{config.DatasetName} {config.Name} {FeedName(feed)}";
                var pValue = PermutationTest.DiagonalMean(g.Select(r => r.Matrix).ToList());
                checks.Claim($"{key}: unique per class", seeds,
                    g.Select(r => r.Summary.Top1 / 10.0), statistic: CheckStatistic.Proportion(10), untested: untested[config]);
                checks.Claim($"{key}: far above the untrained twin", seeds, g.Select(r => r.Summary.DiagonalMean - r.UntrainedControl.DiagonalMean), pValue, Alpha,
                    "p: the trained diagonal mean, pooled over seeds, against relabelled PNCs; the interval: against the untrained twin", untested: untested[config]);
                // §4.2's hypothesis against its rivals: any class-specific template passes the twin and relabelling checks above.
                AddRivalChecks(checks, key, seeds, g, untested[config]);
                checks.Recorded($"{key}: AP–PNC diagonal mean", seeds, g.Select(r => r.Summary.DiagonalMean));
                checks.Recorded($"{key}: r with the class mean", seeds, g.Select(r => r.ClassMeanDiagonal));
                checks.Recorded($"{key}: r with the linear classifier's template", seeds, g.Select(r => r.LinearDiagonal));
                checks.Recorded($"{key}: r with the centred class mean", seeds,
                    g.Select(r => r.CentredMeanDiagonal));
                // The abstract's "minimally evolve": the AP's size beside an image's.
                checks.Recorded($"{key}: the AP's size beside a test image", seeds,
                    g.Select(r => r.Aps.Where(a => a is not null).Select(a => Norms.L2(a!)).DefaultIfEmpty(double.NaN).Average() / imageNorm));
                checks.Recorded($"{key}: cross-seed agreement (noise ceiling)", seeds,
                    g.Select(r => ApPncRuns.CrossSeedAgreement(r, g)));
                metrics[$"{key}.shuffledPncControl.diagonalMean"] = Metric.Of(g.Select(r => r.ShuffledControl.DiagonalMean));
                metrics[$"{key}.untrainedControl.diagonalMean"] = Metric.Of(g.Select(r => r.UntrainedControl.DiagonalMean));
                matrices.Add(Matrix("C4a", $"{key}: r(AP_i, PNC_j), seed {g[0].Seed}", g[0].Matrix, Digits, Digits));
            }
        }
        var parameters = Parameters(p, new
        {
            networks = new[] { Table1Configuration.MnistFcSgd, Table1Configuration.FashionFcSgd }.Where(p.Table1Configurations.Contains).Select(c => c.Label), feeds = ApPncRuns.Feeds, attack = Attack(p), seeds = p.FcSeeds,
            untrainedControl = $"same architecture, seeded with seed + {ApPncRuns.UntrainedSeedOffset}, not trained, attacked identically",
            permutations = PermutationTest.DefaultPermutations, alpha = Alpha,
        });
        return Result(ctx, this, p.FcSeeds, parameters, Merge(CommonReadings(p), Models.NetworkSpec.FcMnist.Readings()), metrics, checks,
            $"per seed, 95% interval, both feeds: top-1 in ≥ {checks.ThresholdOf("MNIST FC-SGD zero feed: unique per class"):P0} (MNIST) and ≥ {checks.ThresholdOf("F-MNIST FC-SGD zero feed: unique per class"):P0} (F-MNIST) of the classes (exact binomial interval); diagonal mean ≥ untrained twin's + {checks.ThresholdOf("MNIST FC-SGD zero feed: far above the untrained twin")} with permutation p < {Alpha}",
            watch, images: [], matrices: matrices);
    }

    private static string FeedName(Feed feed) => ApPncRuns.FeedName(feed);

    /// <summary>
    /// The checks that make §4.2 a discriminating test: the PNC must explain the AP better than the class mean and the centred class
    /// mean, and the fitted weight of the negative set's mean must be negative beyond the untrained twin's and about as large as the
    /// positive set's (b/a near −1, the PNC's own ratio).
    /// </summary>
    private static void AddRivalChecks(RecordBuilder checks, string key, IReadOnlyList<int> seeds, IReadOnlyList<ApPncRun> g, string? untested)
    {
        var weights = g.Select(r => NegativeSetWeight.Summary(r.Weights)).ToArray();
        var twin = g.Select(r => NegativeSetWeight.Summary(r.UntrainedWeights)).ToArray();
        checks.Claim($"{key}: the PNC explains the AP better than the class mean", seeds, g.Select(r => r.PncOverClassMean),
            statistic: CheckStatistic.Bounded(-2, 2), untested: untested);
        checks.Claim($"{key}: the PNC explains the AP better than the centred class mean", seeds, g.Select(r => r.PncOverCentredMean),
            statistic: CheckStatistic.Bounded(-2, 2), untested: untested);
        checks.Claim($"{key}: the negative set weighs against the class", seeds, weights.Zip(twin, (w, t) => w.B - t.B), untested: untested);
        checks.Claim($"{key}: the negative set weighs equally (b/a ≤ −0.5)", seeds, weights.Select(w => w.Ratio), untested: untested);
        checks.Claim($"{key}: the negative set weighs equally (b/a ≥ −2)", seeds, weights.Select(w => w.Ratio), untested: untested);
        checks.Recorded($"{key}: weight of the class's own mean (a)", seeds, weights.Select(w => w.A));
        checks.Recorded($"{key}: weight of the negative set's mean (b)", seeds, weights.Select(w => w.B));
        checks.Recorded($"{key}: the untrained twin's b", seeds, twin.Select(w => w.B));
        checks.Recorded($"{key}: variance the negative set adds", seeds, weights.Select(w => w.AddedR2));
    }
}
