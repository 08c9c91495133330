using System.Diagnostics;
using Repro.Experiments.Analysis;
using Repro.Experiments.Models;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>C3 — Table 1: the twelve networks train to the table's accuracy.</summary>
public sealed class C3Table1Training : IClaim
{
    public ClaimInfo Info => PaperClaims.C3;
    public string Id => Info.Id;
    /// <summary>The twelve rows are judged as one family: each row's interval is family-wise (Bonferroni width for twelve).</summary>
    public const string Family = "Table 1's twelve networks";

    public IReadOnlyList<SharedExperiment> Uses => [Table1Networks.Experiment];

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var reports = Table1Networks.Train(ctx);
        var rows = new List<Table1Row>();
        var checks = new RecordBuilder(Id);
        var metrics = new Dictionary<string, Metric>();
        foreach (var c in Table1Configuration.All)
        {
            var rs = c.Seeds(p).Select(s => reports[(c, s)]).ToArray();
            var acc = Metric.Of(rs.Select(r => r.Accuracy));
            var loss = Metric.Of(rs.Select(r => r.Loss));
            var epochs = Metric.Of(rs.Select(r => r.Epochs));
            rows.Add(new Table1Row(c.DatasetName, c.ArchitectureName, c.OptimizerName, c.PaperAccuracy, c.PaperLoss, c.PaperAccuracy, acc, loss, epochs, rs.All(r => r.ReachedTarget))
            {
                ValidationAccuracy = Metric.Of(rs.Select(r => r.ValidationAccuracy)),
                Seeds = c.Seeds(p),
            });
            metrics[$"{c.DatasetName} {c.Name}.accuracy"] = acc;
            metrics[$"{c.DatasetName} {c.Name}.loss"] = loss;
            metrics[$"{c.DatasetName} {c.Name}.epochs"] = epochs;
            var seeds = c.Seeds(p);
            // Table 1 speaks of validation accuracy: the row is judged where training stopped, on the validation split it stopped on.
            var capped = seeds.Where((s, i) => Table1Budget.Capped(rs[i], c.Training(p, s))).ToArray();
            string? untested = capped.Length > 0
                ? $"stopped at the {p.Name} profile's {c.Training(p, seeds[0]).MaxEpochs:g3}-epoch cap below {c.PaperAccuracy:F2} on seed{(capped.Length == 1 ? "" : "s")} {string.Join(", ", capped)}"
                : null;
            checks.Claim($"{c.DatasetName} {c.Name} reaches {c.PaperAccuracy:F2}",
                seeds, rs.Select(r => r.ValidationAccuracy), statistic: CheckStatistic.Bounded(0, 1), family: Family, untested: untested);
            checks.Recorded($"{c.DatasetName} {c.Name} test accuracy", seeds,
                rs.Select(r => r.Accuracy), paperValue: c.PaperAccuracy, statistic: CheckStatistic.Bounded(0, 1));
            checks.Recorded($"{c.DatasetName} {c.Name} test loss", seeds,
                rs.Select(r => r.Loss), paperValue: c.PaperLoss);
        }
        var timings = new Dictionary<string, Metric>
        {
            ["secondsPerTraining.FC"] = Metric.Of(reports.Where(r => r.Key.Item1.Architecture == Architecture.Fc).Select(r => r.Value.Seconds)),
            ["secondsPerTraining.CNN"] = Metric.Of(reports.Where(r => r.Key.Item1.Architecture != Architecture.Fc).Select(r => r.Value.Seconds)),
        };
        var parameters = Parameters(p, new
        {
            configurations = Table1Configuration.All.Select(c => new { dataset = c.DatasetName, name = c.Name, network = c.Network(p), training = c.Training(p, -1), seeds = c.Seeds(p) }),
            cached = reports.Count(r => r.Value.FromCache),
        });
        var readings = Merge(CommonReadings(p), p.Cnn(true).Readings(), new Dictionary<string, string>
        {
            ["table1Target"] = $"each network trains until its validation accuracy reaches the table's accuracy, or {p.FcMaxEpochs:g3} (FC) / {p.CnnMaxEpochs:g3} (CNN) epochs",
        });
        return Result(ctx, this, p.FcSeeds.Union(p.CnnSeeds).Order().ToArray(), parameters, readings, metrics, checks,
            $"per seed, family-wise interval over the networks tested: each network's validation accuracy at the stop ≥ the table's accuracy − 0.005 (rounding); a network the epoch cap stopped short of it is not tested at this budget", watch, timings, table1: rows,
            finding: checks.Finding() is { } f && p.Reductions.Count > 0 ? $"{f}. The {p.Name} profile's budget: {string.Join(" ", p.Reductions.Take(2))}" : null);
    }
}
