using Repro.Experiments.Claims;
using Repro.Results;
using Repro.Tests.Shared;

namespace Repro.Unit.Tests.Claims;

/// <summary>
/// The one run behind <c>claims</c>, <c>reproduce</c> and the claims tests: finished records first, then the shared experiments
/// the remaining claims read (each a unit of its own, once), then the claims, a failing one not stopping the others.
/// </summary>
public sealed class ReproductionRunTests : IDisposable
{
    readonly TempFolder _folder = new("repro-run-");
    public void Dispose() => _folder.Dispose();

    ClaimContext Context() => QuickContext.In(_folder.Path);

    sealed class Node : SharedExperiment<List<int>>
    {
        public static Node Experiment { get; } = new();
        public int Runs;
        public override string Name => "node";
        protected override List<int> Compute(ClaimContext ctx) => [Interlocked.Increment(ref Runs)];
    }

    sealed class Events : IRunObserver
    {
        public List<string> Lines { get; } = [];
        public void Started(string unit) => Lines.Add($"start {unit}");
        public void Finished(string unit, bool reused, string summary) => Lines.Add($"end {unit}{(reused ? " (reused)" : "")}: {summary}");
    }

    [Fact]
    public void Given_two_claims_that_read_one_node_When_run_Then_the_node_runs_once_as_its_own_unit_before_them()
    {
        var a = new CountingClaim("C9") { Uses = [Node.Experiment] };
        var b = new CountingClaim("C9") { Uses = [Node.Experiment] };
        var events = new Events();
        int before = Node.Experiment.Runs;

        var outcomes = new ReproductionRun(Context(), events, CountingClaim.Register("C9")).Run([a, b], resume: false);

        Assert.Equal(before + 1, Node.Experiment.Runs);
        Assert.All(outcomes, o => Assert.Equal(Verdict.Re, o.Result!.Verdict));
        Assert.Equal(["start shared node", "end shared node: node: done", "start claim C9", "end claim C9: C9 a claim: [Re]", "start claim C9", "end claim C9: C9 a claim: [Re]"],
            events.Lines);
    }

    [Fact]
    public void Given_a_claim_whose_record_still_stands_When_resumed_Then_neither_it_nor_the_node_only_it_reads_runs()
    {
        var claim = new CountingClaim("C9") { Uses = [Node.Experiment] };
        new ReproductionRun(Context(), null, CountingClaim.Register("C9")).Run([claim], resume: false);
        int nodeRuns = Node.Experiment.Runs;
        var events = new Events();

        var outcome = new ReproductionRun(Context(), events, CountingClaim.Register("C9")).Run([claim], resume: true).Single();

        Assert.True(outcome.Reused);
        Assert.Equal(1, claim.Runs);
        Assert.Equal(nodeRuns, Node.Experiment.Runs);
        Assert.Equal("end shared node (reused): node: not needed (its claims finished earlier)", events.Lines[0]);
    }

    [Fact]
    public void Given_a_claim_that_fails_When_run_with_others_Then_its_error_is_its_outcome_and_the_next_claim_still_runs()
    {
        var failing = new CountingClaim("C9") { Throws = new InvalidOperationException("broken") };
        var next = new CountingClaim("C9");

        var outcomes = new ReproductionRun(Context(), null, CountingClaim.Register("C9")).Run([failing, next], resume: false);

        Assert.Equal("broken", outcomes[0].Error?.Message);
        Assert.Null(outcomes[0].Result);
        Assert.Equal(Verdict.Re, outcomes[1].Result!.Verdict);
    }

    [Fact]
    public void Given_a_run_that_is_cancelled_When_a_claim_stops_on_it_Then_the_run_ends_instead_of_recording_a_failure()
    {
        using var cts = new CancellationTokenSource();
        var ctx = QuickContext.In(_folder.Path, cancel: cts.Token);
        cts.Cancel();
        var claim = new CountingClaim("C9") { Throws = new OperationCanceledException(cts.Token) };
        Assert.ThrowsAny<OperationCanceledException>(() => new ReproductionRun(ctx, null, CountingClaim.Register("C9")).Run([claim], resume: false));
    }

    [Fact]
    public void Given_the_claims_When_their_units_are_listed_Then_the_plan_comes_first_then_the_shared_experiments_in_dependency_order_then_the_claims()
    {
        var profile = Profiles.Get("quick");
        var units = ReproductionRun.Units(ClaimCatalog.All, profile);
        var plan = Repro.Experiments.Shards.RunPlan.Of(profile, ClaimCatalog.All, false, _ => 1, single: true).Units.Select(u => u.Name).ToList();

        Assert.Equal(plan, units.Take(plan.Count));
        Assert.Equal(["shared Table 1 networks", "shared AP–PNC runs", "shared C4b's feed choice", "claim C1"], units.Skip(plan.Count).Take(4));
        Assert.Equal(plan.Count + ClaimCatalog.All.Count + 3, units.Count);
    }

    [Fact]
    public void Given_a_claim_that_reads_no_shared_experiment_When_run_Then_it_runs_once_as_a_unit_of_the_plan_and_its_outcome_is_kept()
    {
        var claim = new CountingClaim("C9");
        var events = new Events();

        var outcome = new ReproductionRun(Context(), events, CountingClaim.Register("C9")).Run([claim], resume: false).Single();

        Assert.Equal(1, claim.Runs);
        Assert.Equal(Verdict.Re, outcome.Result!.Verdict);
        Assert.Equal(["start claim C9", "end claim C9: claim C9: computed", "end claim C9: C9 a claim: [Re]"], events.Lines);
    }
}
