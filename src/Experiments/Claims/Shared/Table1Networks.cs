using Repro.Experiments.Models;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>The shared experiment of C3, C4a, C4b, C5 and C9: the twelve networks of Table 1, trained once per context.</summary>
public sealed class Table1Networks : SharedExperiment<IReadOnlyDictionary<(Table1Configuration, int), TrainingReport>>
{
    public static Table1Networks Experiment { get; } = new();

    private Table1Networks() { }

    public override string Name => "Table 1 networks";

    /// <summary>
    /// Every (configuration, seed) job, the slow CNNs first so two workers finish together. With C4b's feeds fixed
    /// beforehand (<see cref="ProfileSettings.FixedFeeds"/>) the first seed, which only chooses, is not needed.
    /// </summary>
    public static IReadOnlyList<(Table1Configuration Config, int Seed)> Jobs(ProfileSettings p) =>
        p.Table1Configurations.SelectMany(c => c.Seeds(p).Skip(p.FixedFeeds is null ? 0 : 1).Select(s => (c, s)))
            .OrderByDescending(j => j.c.Architecture != Architecture.Fc).ToList();

    /// <summary>Train (or load) all twelve networks and every seed; the training reports by (configuration, seed).</summary>
    public static IReadOnlyDictionary<(Table1Configuration, int), TrainingReport> Train(ClaimContext ctx) => ctx.Shared(Experiment);

    protected override IReadOnlyDictionary<(Table1Configuration, int), TrainingReport> Compute(ClaimContext ctx)
    {
        var jobs = Jobs(ctx.Profile);
        int done = 0;
        var reports = InParallel(ctx, jobs, j =>
        {
            var report = TrainJob(ctx, j);
            ctx.Report(Name, $"trained {j.Config.DatasetName} {j.Config.Name} seed {j.Seed}", Interlocked.Increment(ref done) / (double)jobs.Count);
            return report;
        });
        return jobs.Select((j, i) => (j, r: reports[i])).ToDictionary(x => (x.j.Config, x.j.Seed), x => x.r);
    }

    /// <summary>One job: the network of (configuration, seed), trained or loaded from the weight cache (a shard's unit too).</summary>
    public static TrainingReport TrainJob(ClaimContext ctx, (Table1Configuration Config, int Seed) j)
    {
        using var net = ctx.Trainer.TrainOrLoad(j.Config.Network(ctx.Profile), j.Config.Training(ctx.Profile, j.Seed), ctx.Dataset(j.Config.Dataset), cancel: ctx.Cancel);
        return net.Report;
    }
}
