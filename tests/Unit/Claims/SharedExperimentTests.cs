using Repro.Experiments.Claims;
using Repro.Experiments.Runtime;
using Repro.Results;
using Repro.Tests.Shared;

namespace Repro.Unit.Tests.Claims;

/// <summary>
/// Shared experiments are typed nodes: computed once per context however many claims read them, each after the nodes it depends
/// on, timed as a stage under its own name, and a failure reaches every reader.
/// </summary>
public sealed class SharedExperimentTests : IDisposable
{
    readonly TempFolder _folder = new("repro-shared-");
    public void Dispose() => _folder.Dispose();

    ClaimContext Context(StageLog? stages = null) => QuickContext.In(_folder.Path, stages);

    sealed class Counted : SharedExperiment<List<int>>
    {
        public static Counted Experiment { get; } = new();
        public int Runs;
        public override string Name => "counted";
        protected override List<int> Compute(ClaimContext ctx) => [Interlocked.Increment(ref Runs)];
    }

    sealed class Reader : SharedExperiment<List<int>>
    {
        public static Reader Experiment { get; } = new();
        public override string Name => "reader";
        public override IReadOnlyList<SharedExperiment> DependsOn => [Counted.Experiment];
        protected override List<int> Compute(ClaimContext ctx) => [.. Counted.Experiment.Of(ctx), 10];
    }

    sealed class Failing : SharedExperiment<List<int>>
    {
        public static Failing Experiment { get; } = new();
        public int Runs;
        public override string Name => "failing";
        protected override List<int> Compute(ClaimContext ctx)
        {
            Runs++;
            throw new InvalidOperationException("the node failed");
        }
    }

    [Fact]
    public void Given_nodes_and_their_dependencies_When_ordered_Then_each_comes_once_after_what_it_reads()
    {
        var order = SharedExperiment.InOrder([Reader.Experiment, Counted.Experiment, Reader.Experiment]);
        Assert.Equal(["counted", "reader"], order.Select(n => n.Name));
    }

    [Fact]
    public void Given_a_node_read_by_two_readers_in_one_context_When_both_read_it_Then_it_is_computed_once_and_timed_under_its_own_name()
    {
        var stages = new StageLog();
        var ctx = Context(stages);
        int before = Counted.Experiment.Runs;
        ctx.Compute(Reader.Experiment);
        var first = Counted.Experiment.Of(ctx);
        var second = ctx.Shared(Counted.Experiment);

        Assert.Equal(before + 1, Counted.Experiment.Runs);
        Assert.Same(first, second);
        Assert.True(ctx.HasComputed(Reader.Experiment));
        // Run as a unit, the node is its own stage; read from inside it, its dependency's stage names the reader.
        Assert.Contains(stages.Stages, s => s.Name == "shared reader" && s.Kind == StageKind.Claim);
        Assert.Contains(stages.Stages, s => s.Name == "shared counted (reader)" && s.Kind == StageKind.Claim);
        // Another context (a sensitivity cell's profile) computes its own.
        Counted.Experiment.Of(Context());
        Assert.Equal(before + 2, Counted.Experiment.Runs);
    }

    [Fact]
    public void Given_a_node_that_fails_When_a_claim_reads_it_afterwards_Then_the_claim_gets_the_same_failure_without_a_second_attempt()
    {
        var ctx = Context();
        Assert.Throws<InvalidOperationException>(() => ctx.Compute(Failing.Experiment));
        var e = Assert.Throws<InvalidOperationException>(() => Failing.Experiment.Of(ctx));
        Assert.Equal("the node failed", e.Message);
        Assert.Equal(1, Failing.Experiment.Runs);
    }

    [Fact]
    public void Given_the_claims_that_read_shared_work_When_their_declared_nodes_are_ordered_Then_the_Table1_networks_come_first_and_C4bs_feed_choice_last()
    {
        var order = SharedExperiment.InOrder(ClaimCatalog.All.SelectMany(c => c.Uses));
        Assert.Equal(["Table 1 networks", "AP–PNC runs", "C4b's feed choice"], order.Select(n => n.Name));
        Assert.Contains(FeedChoice.Experiment, ClaimCatalog.Get("C9").Uses);
        Assert.Contains(FeedChoice.Experiment, ClaimCatalog.Get("C4b").Uses);
    }
}
