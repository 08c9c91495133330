using Repro.Experiments.Models;

namespace Repro.Experiments.Claims;

/// <summary>
/// Table 1 as the precondition it is. The paper gives Table 1 as the state of its networks ("I did not try to train the networks
/// to their fullest learning capacity"), so every claim that uses one checks, per network and seed, that it reached the table's
/// accuracy on the stopping (validation) split. A network that the profile's epoch cap stopped short of it is not the paper's
/// network: the checks that use it are not tested at this budget, never [Re] or [¬Re]. Any other shortfall (a diverged training)
/// fails the precondition, and the run is invalid.
/// </summary>
public static class Table1Budget
{
    /// <summary>The precondition's name in the register: one per configuration and claim.</summary>
    public static string PreconditionName(Table1Configuration c) => $"{c.Label} reached Table 1's accuracy on the stopping split";

    /// <summary>
    /// What budget would test the capped networks: for the first capped seed of every configuration the context's Table 1 networks
    /// have, the same training with <paramref name="maxEpochs"/> epochs (from the weight cache when it ran before). The trainer stops
    /// at the first check that reaches the target, so its epochs are what the network needs, within one check of 100 steps.
    /// </summary>
    public static IReadOnlyList<Results.EpochsNeededRow> EpochsNeeded(ClaimContext ctx, double maxEpochs)
    {
        var p = ctx.Profile;
        var reports = Table1Networks.Train(ctx);
        var capped = Table1Networks.Jobs(p).Where(j => Capped(reports[(j.Config, j.Seed)], j.Config.Training(p, j.Seed)))
            .GroupBy(j => j.Config).Select(g => g.OrderBy(j => j.Seed).First()).ToList();
        return ClaimKit.InParallel(ctx, capped, j =>
        {
            var spec = j.Config.Training(p, j.Seed) with { MaxEpochs = maxEpochs };
            using var net = ctx.Trainer.TrainOrLoad(j.Config.Network(p), spec, ctx.Dataset(j.Config.Dataset), cancel: ctx.Cancel);
            var r = net.Report;
            return new Results.EpochsNeededRow(j.Config.Label, j.Seed, spec.TargetAccuracy, j.Config.Training(p, j.Seed).MaxEpochs, r.ReachedTarget, r.Epochs,
                r.ValidationAccuracy, r.Seconds);
        });
    }

    /// <summary>True when training ran to its epoch cap without reaching its target, with finite loss: the budget stopped it, not a fault.</summary>
    public static bool Capped(TrainingReport r, TrainingSpec spec) =>
        !r.ReachedTarget && r.Epochs >= spec.MaxEpochs - 1e-9 && double.IsFinite(r.ValidationLoss) && double.IsFinite(r.Loss);

    /// <summary>
    /// The preconditions of <paramref name="configs"/> over the seeds the context trains them on (Table 1's shared networks), and
    /// why each is not tested at this budget (null when every seed reached its target).
    /// </summary>
    public static IReadOnlyDictionary<Table1Configuration, string?> Check(RecordBuilder checks, ClaimContext ctx, IEnumerable<Table1Configuration> configs)
    {
        var reports = Table1Networks.Train(ctx);
        var jobs = Table1Networks.Jobs(ctx.Profile);
        return Check(checks, ctx.Profile, configs.Select(c => (c, (IReadOnlyList<int>)jobs.Where(j => j.Config == c).Select(j => j.Seed).Order().ToArray())), reports);
    }

    /// <summary>
    /// Adds the precondition of each configuration over the seeds the claim uses it on, and returns why each is not tested at this
    /// budget (null when every seed reached its target).
    /// </summary>
    public static IReadOnlyDictionary<Table1Configuration, string?> Check(RecordBuilder checks, ProfileSettings p,
        IEnumerable<(Table1Configuration Config, IReadOnlyList<int> Seeds)> uses, IReadOnlyDictionary<(Table1Configuration, int), TrainingReport> reports)
    {
        var untested = new Dictionary<Table1Configuration, string?>();
        foreach (var (c, seeds) in uses)
        {
            var rs = seeds.Select(s => reports[(c, s)]).ToArray();
            var capped = seeds.Select((s, i) => Capped(rs[i], c.Training(p, s))).ToArray();
            var check = checks.Precondition(PreconditionName(c), seeds, rs.Select(r => r.ReachedTarget).ToArray(), capped,
                $"validation accuracy at the stop: {string.Join(", ", rs.Select(r => r.ValidationAccuracy.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
            var missed = seeds.Where((_, i) => !rs[i].ReachedTarget).ToArray();
            untested[c] = check.Outcome == Results.CheckOutcome.NotTested
                ? $"{c.Label} stopped at the {p.Name} profile's {c.Training(p, seeds[0]).MaxEpochs:g3}-epoch cap below Table 1's {c.PaperAccuracy:F2} on seed{(missed.Length == 1 ? "" : "s")} {string.Join(", ", missed)}"
                : null;
        }
        return untested;
    }
}
