using System.Diagnostics;
using Repro.Experiments.Models;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>C3 — Table 1: the twelve networks train to the table's accuracy.</summary>
public sealed class Table1Training : IClaim
{
    public string Id => "C3";
    public string Title => "Table 1: twelve networks trained to the table's accuracy";
    public const string Section = "§2.4, Table 1";
    public const string PaperWords = "I trained the two models with six configurations, combined, this time on both MNIST and also F-MNIST datasets (See Table 1).";
    /// <summary>The table prints two decimals: an accuracy that rounds to the table's value or above counts as reached.</summary>
    public const double RoundingTolerance = 0.005;

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var reports = Table1Configuration.TrainAll(ctx);
        var rows = new List<Table1Row>();
        var checks = new List<Check>();
        var metrics = new Dictionary<string, Metric>();
        foreach (var c in Table1Configuration.All)
        {
            var rs = c.Seeds(p).Select(s => reports[(c, s)]).ToArray();
            var acc = Metric.Of(rs.Select(r => r.Accuracy));
            var loss = Metric.Of(rs.Select(r => r.Loss));
            var epochs = Metric.Of(rs.Select(r => r.Epochs));
            rows.Add(new Table1Row(c.DatasetName, c.ArchitectureName, c.OptimizerName, c.PaperAccuracy, c.PaperLoss, c.PaperAccuracy, acc, loss, epochs, rs.All(r => r.ReachedTarget)));
            metrics[$"{c.DatasetName} {c.Name}.accuracy"] = acc;
            metrics[$"{c.DatasetName} {c.Name}.loss"] = loss;
            metrics[$"{c.DatasetName} {c.Name}.epochs"] = epochs;
            checks.Add(AtLeast($"{c.DatasetName} {c.Name} reaches {c.PaperAccuracy:F2}", $"{c.DatasetName} {c.Name} test accuracy, mean over seeds (table value − {RoundingTolerance} for its rounding)",
                c.PaperAccuracy - RoundingTolerance, acc.Mean));
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
        var missed = checks.Where(c => !c.Passed).ToList();
        string? finding = missed.Count == 0 ? null :
            $"{missed.Count} of 12 networks stopped below the table's accuracy" +
            (p.Reductions.Count > 0 ? $" within the {p.Name} profile's budget ({string.Join(" ", p.Reductions.Take(2))})" : "") + ": " +
            string.Join("; ", missed.Select(c => $"{c.Name.Replace(" reaches", ":")} needed, got {c.Measured:F4}"));
        return Result(ctx, Id, Title, Section, PaperWords, p.FcSeeds.Union(p.CnnSeeds).Order().ToArray(), parameters, readings, metrics, checks,
            $"each network's test accuracy ≥ the table's accuracy − {RoundingTolerance} (rounding)", watch, timings, table1: rows, finding: finding);
    }
}
