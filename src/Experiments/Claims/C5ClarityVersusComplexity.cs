using System.Diagnostics;
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
    public string Id => "C5";
    public string Title => "Clarity of the APs falls as the model grows";
    public string Section => "§3, Figs. 3–4";
    public string PaperWords => "However, as the complexity of the architectures and optimizers grow, the clarity of the patterns deteriorate.";
    public const double Alpha = 0.05;

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var runs = ApPncRuns.Of(ctx);
        var metrics = new Dictionary<string, Metric>();
        var checks = new RecordBuilder(Id);
        // Seeds every configuration has, so that each seed gives one ρ over all six.
        var seeds = p.CnnSeeds.Intersect(p.FcSeeds).Order().ToArray();
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
            var perSeed = seeds.Select(s => SpearmanTrend.Of(rank, configs.Select(c => Clarity(c, r => r.Seed == s)).ToArray()).Rho);
            checks.Claim($"{name}: clarity falls with complexity", "Spearman ρ between complexity rank and clarity (per seed)", "<", 0, seeds, perSeed,
                pooled.PFalling, Alpha, $"p: exact one-sided, over all 720 orderings, for ρ = {pooled.Rho:G3} of the clarities averaged over seeds");
        }
        var parameters = Parameters(p, new
        {
            complexityOrder = new[] { "FC-SGD", "FC-Adam", "CNN-SGD", "CNN-Adam", "CNN*-SGD", "CNN*-Adam" },
            clarity = "AP–PNC diagonal mean, averaged over zero and noise feed (and, for the pooled ρ, over the seeds all six configurations share), from C4's attacks; classes whose attack failed are left out and counted",
            test = "exact one-sided permutation p of Spearman's ρ (MathNet ranks), over all 6! orderings", alpha = Alpha,
        });
        var readings = Merge(CommonReadings(p), p.Cnn(true).Readings(), new Dictionary<string, string>
        {
            ["complexityOrder"] = "'as the complexity of the architectures and optimizers grow' read as the total order FC-SGD < FC-Adam < CNN-SGD < CNN-Adam < CNN*-SGD < CNN*-Adam (architecture first, then Adam above SGD)",
        });
        return Result(ctx, this, seeds, parameters, readings, metrics, checks,
            $"on each dataset: Spearman ρ(complexity rank, clarity) < 0 per seed (95% interval) and exact one-sided p < {Alpha}", watch);
    }
}
