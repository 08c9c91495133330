using System.Diagnostics;
using Repro.Experiments.Data;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C5 — §3: "as the complexity of the architectures and optimizers grow, the clarity of the patterns
/// deteriorate". Clarity is measured as the AP–PNC diagonal mean; complexity is the rank
/// FC-SGD &lt; FC-Adam &lt; CNN-SGD &lt; CNN-Adam &lt; CNN-BN-SGD &lt; CNN-BN-Adam.
/// </summary>
public sealed class ClarityVersusComplexity : IClaim
{
    public string Id => "C5";
    public string Title => "Clarity of the APs falls as the model grows";
    public const string Section = "§3, Figs. 3–4";
    public const string PaperWords = "However, as the complexity of the architectures and optimizers grow, the clarity of the patterns deteriorate.";

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var runs = Figures3And4ApVersusPnc.RunAll(ctx);
        var metrics = new Dictionary<string, Metric>();
        var checks = new List<Check>();
        foreach (var id in new[] { DatasetId.Mnist, DatasetId.FashionMnist })
        {
            var configs = Table1Configuration.All.Where(c => c.Dataset == id).OrderBy(c => c.ComplexityRank).ToArray();
            // Clarity of a configuration: diagonal mean over both feeds and all seeds (failed classes left out).
            var clarity = configs.Select(c => runs.Where(r => r.Config == c).Select(r => r.Summary.DiagonalMean).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average()).ToArray();
            string name = configs[0].DatasetName;
            for (int i = 0; i < configs.Length; i++) metrics[$"{name} {configs[i].Name}.clarity"] = Metric.Single(clarity[i]);
            double rho = Spearman(configs.Select(c => (double)c.ComplexityRank).ToArray(), clarity);
            metrics[$"{name}.spearmanRho"] = Metric.Single(rho);
            checks.Add(Below($"{name}: clarity falls with complexity", "Spearman ρ between complexity rank and AP–PNC diagonal mean", 0, rho));
        }
        var parameters = Parameters(p, new
        {
            complexityOrder = new[] { "FC-SGD", "FC-Adam", "CNN-SGD", "CNN-Adam", "CNN*-SGD", "CNN*-Adam" },
            clarity = "AP–PNC diagonal mean, averaged over zero and noise feed and seeds (from C4's attacks)",
        });
        return Result(ctx, Id, Title, Section, PaperWords, p.FcSeeds.Union(p.CnnSeeds).Order().ToArray(), parameters,
            Merge(CommonReadings(p), p.Cnn(true).Readings()), metrics, checks, "Spearman ρ(complexity rank, clarity) < 0 on each dataset", watch);
    }

    /// <summary>Spearman rank correlation (average ranks for ties); NaN when undefined.</summary>
    public static double Spearman(double[] x, double[] y)
    {
        if (x.Length != y.Length || x.Length < 2 || x.Concat(y).Any(double.IsNaN)) return double.NaN;
        var rx = Ranks(x);
        var ry = Ranks(y);
        return Analysis.Correlation.Pearson(rx.Select(v => (float)v).ToArray(), ry.Select(v => (float)v).ToArray());
    }

    private static double[] Ranks(double[] v)
    {
        var order = v.Select((x, i) => (x, i)).OrderBy(t => t.x).ToArray();
        var ranks = new double[v.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && order[j + 1].x == order[i].x) j++;
            for (int k = i; k <= j; k++) ranks[order[k].i] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return ranks;
    }
}
