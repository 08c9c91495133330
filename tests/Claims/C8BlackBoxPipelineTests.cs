namespace Repro.Claims.Tests;

/// <summary>C8 — §4.2: from black-box queries to the training set's class averages (templates, class means, a canary, a black box).</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C8")]
public sealed class C8BlackBoxPipelineTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C8");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C8");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C8");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C8");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C8_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(SanityChecks))]
    public void Given_the_C8_run_When_a_registered_sanity_check_is_read_Then_it_holds_on_every_seed(string check) =>
        ClaimAssert.Sane(Record, check);

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C8_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C8_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Fact]
    public void Given_the_C8_run_When_its_panels_are_read_Then_each_seed_shows_the_canary_AP_beside_the_clean_AP_and_the_black_box_row_sits_beside_the_white_box_row()
    {
        var canary = Record.Images.Where(i => i.Figure == Experiments.Claims.C8BlackBoxPipeline.CanaryFigure).ToList();
        Assert.Equal(2 * Record.Seeds.Count, canary.Count);
        Assert.Equal(2, canary.Select(i => i.Column).Distinct().Count());
        var box = Record.Images.Where(i => i.Figure == Experiments.Claims.C8BlackBoxPipeline.BlackBoxFigure).ToList();
        Assert.Equal(3, box.Select(i => i.Row).Distinct().Count());
        Assert.Equal(30, box.Count);
    }

    [Fact]
    public void Given_the_C8_run_When_its_queries_are_read_Then_each_black_box_AP_took_one_query_per_step_plus_the_estimates()
    {
        var queries = Record.Checks.Single(c => c.Name == "queries per black-box AP");
        var p = Experiments.Claims.Profiles.Get(Record.Profile);
        // Every class runs all its steps (the stop is the iteration count): one forward pass per step and a last one, plus 20 per step.
        Assert.All(queries.PerSeed, q => Assert.Equal(p.Iterations + 1 + p.Iterations * Experiments.Claims.C8BlackBoxPipeline.NesSamplesPerStep, q));
    }
}
