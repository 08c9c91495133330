using Repro.Experiments.Analysis;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using TorchSharp;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// The shared experiment of C4a, C4b and C5: zero and noise feed on every Table 1 network and seed, and on its
/// untrained twin (same architecture, seeded with seed + 7919, never trained, attacked identically), compared with
/// the PNCs of the training set. Computed once per context.
/// </summary>
public sealed class ApPncRuns : SharedExperiment<IReadOnlyList<ApPncRun>>
{
    public static readonly Feed[] Feeds = [Feed.Zero, Feed.Noise];
    public const int UntrainedSeedOffset = 7919, ShuffleSeed = 12345;

    public static ApPncRuns Experiment { get; } = new();

    private ApPncRuns() { }

    public override string Name => "AP–PNC runs";

    public override IReadOnlyList<SharedExperiment> DependsOn => [Table1Networks.Experiment];

    /// <summary>How the record names a feed.</summary>
    public static string FeedName(Feed feed) => feed == Feed.Zero ? "zero feed" : "noise feed";

    public static new IReadOnlyList<ApPncRun> Of(ClaimContext ctx) => ctx.Shared(Experiment);

    protected override IReadOnlyList<ApPncRun> Compute(ClaimContext ctx)
    {
        var p = ctx.Profile;
        Table1Networks.Train(ctx);
        var refs = new Dictionary<DatasetId, (float[][] Pnc, float[][] Shuffled, float[][] Means, float[][] Centred, double[][] Positive, double[][] Negative, float[][] Linear)>();
        foreach (var id in new[] { DatasetId.Mnist, DatasetId.FashionMnist })
        {
            var train = ctx.Dataset(id).Train;
            var means = Pnc.ClassMeans(train);
            var global = Enumerable.Range(0, train.PixelCount).Select(px => means.Average(m => m[px])).ToArray();
            var centred = means.Select(m => m.Select((v, px) => v - global[px]).ToArray()).ToArray();
            var linear = LinearTemplates.Of(ctx, id);
            refs[id] = AnalysisStep(ctx, $"analysis PNCs {id}", () =>
            {
                var (positive, negative) = Pnc.Sets(train);
                return (Pnc.Compute(train), Pnc.ComputeShuffled(train, ShuffleSeed), means, centred, positive, negative, linear);
            });
        }
        var jobs = Table1Networks.Jobs(p);
        // The trained network's attack and its untrained twin's are separate jobs, so the last network does not leave a
        // worker idle while one of its two attacks runs.
        var attackJobs = jobs.SelectMany(j => new[] { (Job: j, Trained: true), (Job: j, Trained: false) }).ToList();
        int done = 0;
        var attacks = InParallel(ctx, attackJobs, a =>
        {
            var result = AttackJob(ctx, a.Job, a.Trained);
            ctx.Report(Name, $"attacked {a.Job.Config.DatasetName} {a.Job.Config.Name} seed {a.Job.Seed}{(a.Trained ? "" : " (untrained twin)")}",
                Interlocked.Increment(ref done) / (double)attackJobs.Count);
            return result;
        });
        return (IReadOnlyList<ApPncRun>)jobs.SelectMany((j, i) =>
        {
            var r = refs[j.Config.Dataset];
            var (trained, attackSeconds) = attacks[2 * i];
            var control = attacks[2 * i + 1].Results;
            double seconds = attackSeconds / trained.Count;
            return FeedsOf(p, j).Select((feed, f) =>
            {
                var mine = trained.Skip(f * 10).Take(10).ToArray();
                var aps = Images(mine, blankFailed: true);
                // The twin is compared over the same classes: where the trained network's attack failed, its row is left out too.
                var twin = control.Skip(f * 10).Take(10).Select(x => x.Image).ToArray();
                var controlAps = twin.Select((img, c) => aps[c] is null ? null : img).ToArray();
                return new ApPncRun(j.Config, j.Seed, feed, aps, twin, Correlation.Matrix(aps, r.Pnc), Correlation.Matrix(controlAps, r.Pnc),
                    MatrixSummary.Of(Correlation.Matrix(aps, r.Shuffled)),
                    Matrices.DiagonalMean(Correlation.Matrix(aps, r.Means)), Matrices.DiagonalMean(Correlation.Matrix(aps, r.Centred)),
                    mine.Count(x => x.Failed), seconds)
                {
                    LinearDiagonal = Matrices.DiagonalMean(Correlation.Matrix(aps, r.Linear)),
                    Weights = aps.Select((ap, c) => ap is null ? NegativeSetWeight.Missing : NegativeSetWeight.Of(ap, r.Positive[c], r.Negative[c])).ToArray(),
                    UntrainedWeights = controlAps.Select((ap, c) => ap is null ? NegativeSetWeight.Missing : NegativeSetWeight.Of(ap, r.Positive[c], r.Negative[c])).ToArray(),
                };
            });
        }).ToList();
    }

    /// <summary>
    /// The feeds a network is attacked with: both, or the one chosen beforehand on the first seed (then only the later seeds
    /// are attacked).
    /// </summary>
    private static IReadOnlyList<Feed> FeedsOf(ProfileSettings p, (Table1Configuration Config, int Seed) j) =>
        p.FixedFeeds is { } fixedFeeds ? [fixedFeeds[j.Config.Label]] : Feeds;

    /// <summary>
    /// One job of the runs: the network of (configuration, seed), trained or loaded, or its untrained twin, attacked with its
    /// feeds. A unit of its own where a run is split into shards (<see cref="Shards.ShardRun"/>): it reads nothing but its network.
    /// </summary>
    public static (IReadOnlyList<PerturbationResult> Results, double Seconds) AttackJob(ClaimContext ctx, (Table1Configuration Config, int Seed) j, bool trained)
    {
        var p = ctx.Profile;
        var spec = j.Config.Network(p);
        string label = $"{j.Config.DatasetName} {j.Config.Name} s{j.Seed}";
        double jitter = j.Config.Architecture == Architecture.Fc ? 0 : p.CnnZeroFeedJitter;
        if (trained)
        {
            using var net = ctx.Trainer.TrainOrLoad(spec, j.Config.Training(p, j.Seed), ctx.Dataset(j.Config.Dataset), cancel: ctx.Cancel);
            return Attack(ctx, net.Model, j.Seed, FeedsOf(p, j), jitter, Stage(ctx, label, spec));
        }
        using var untrained = Trainer.CreateSeeded(spec, j.Seed + UntrainedSeedOffset);
        untrained.to(ctx.Device);
        return Attack(ctx, untrained, j.Seed, FeedsOf(p, j), jitter, Stage(ctx, $"{label} untrained", spec));
    }

    /// <summary>The attack and the seconds it took (when the run's attack memo answers, the seconds it took when it ran).</summary>
    private static (IReadOnlyList<PerturbationResult> Results, double Seconds) Attack(ClaimContext ctx, torch.nn.Module<torch.Tensor, torch.Tensor> model, int seed,
        IReadOnlyList<Feed> feeds, double zeroFeedJitter, Bench.AttackStage? stage)
    {
        var attack = new Attacks.InputGradientAttack(model, 10, ClaimKit.Attack(ctx.Profile));
        var runner = new PerturbationRunner(attack, 28, 28, ctx.Profile.NoiseSigma, ctx.Profile.MaxAttackBatch, zeroFeedJitter) { Stage = stage, Memo = ctx.Attacks };
        var requests = feeds.SelectMany(f => Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"{f} {c}", f, c))).ToArray();
        return runner.RunTimed(requests, seed, ctx.Device, cancel: ctx.Cancel);
    }

    /// <summary>
    /// Mean r between one seed's APs and every other seed's APs of the same class (failed classes left out): how far
    /// two runs of the same recipe agree, the noise ceiling of any AP comparison. NaN with one seed.
    /// </summary>
    public static double CrossSeedAgreement(ApPncRun run, IReadOnlyList<ApPncRun> group) =>
        CrossSeed.Agreement(group.Select(r => (IReadOnlyList<float[]?>)r.Aps).ToList(), group.ToList().IndexOf(run));
}
