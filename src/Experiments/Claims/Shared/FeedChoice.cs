using Repro.Experiments.Perturbations;

namespace Repro.Experiments.Claims;

/// <summary>
/// C4b's choice of feed per network, read by C4b, C9 and the sensitivity study. The paper hand-picked zero or noise feed by
/// clarity; we take the feed with the higher AP–PNC diagonal mean on the network's first seed, and the other seeds judge it.
/// Under a profile whose feeds were fixed beforehand (<see cref="ProfileSettings.FixedFeeds"/>: the study's cells judge the
/// default cell's choice) those are the choice.
/// </summary>
public sealed class FeedChoice : SharedExperiment<IReadOnlyDictionary<Table1Configuration, Feed>>
{
    public static FeedChoice Experiment { get; } = new();

    private FeedChoice() { }

    public override string Name => "C4b's feed choice";

    public override IReadOnlyList<SharedExperiment> DependsOn => [ApPncRuns.Experiment];

    /// <summary>The feed a network is judged on, chosen on its first seed as the one with the higher diagonal mean (a NaN mean loses).</summary>
    public static Feed Chosen(IReadOnlyList<ApPncRun> runs, Table1Configuration config, int choiceSeed) =>
        ApPncRuns.Feeds.OrderByDescending(f => runs.Single(r => r.Config == config && r.Seed == choiceSeed && r.Feed == f).Summary.DiagonalMean is var d && double.IsNaN(d) ? double.NegativeInfinity : d)
            .First();

    protected override IReadOnlyDictionary<Table1Configuration, Feed> Compute(ClaimContext ctx)
    {
        var p = ctx.Profile;
        if (p.FixedFeeds is { } given) return p.Table1Configurations.ToDictionary(c => c, c => given[c.Label]);
        var runs = ApPncRuns.Of(ctx);
        return p.Table1Configurations.ToDictionary(c => c, c => Chosen(runs, c, c.Seeds(p)[0]));
    }
}
