namespace Repro.Claims.Tests;

/// <summary>C4b — Figures 3 and 4 (§3): every network's APs carry features of the PNCs, judged on held-out seeds.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C4")]
[Trait("Claim", "C4b")]
public sealed class C4bEveryNetworkTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C4b");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C4b");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C4b");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C4b");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C4b_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(SanityChecks))]
    public void Given_the_C4b_run_When_a_sanity_check_is_read_Then_it_holds_on_every_seed(string check) =>
        ClaimAssert.Sane(Record, check);

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C4b_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C4b_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Fact]
    public void Given_the_C4b_run_When_its_record_is_read_Then_Figure3_has_its_130_panels() =>
        Assert.Equal(130, Record.Images.Count(i => i.Figure == "Figure3"));
}
