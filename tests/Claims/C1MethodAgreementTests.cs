namespace Repro.Claims.Tests;

/// <summary>C1 — Figure 1 (§2.2, §3): zero feed, noise feed and AAI agree, above an untrained twin.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C1")]
public sealed class C1MethodAgreementTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C1");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C1");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C1");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C1");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C1_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(SanityChecks))]
    public void Given_the_C1_run_When_a_sanity_check_is_read_Then_it_holds_on_every_seed(string check) =>
        ClaimAssert.Sane(Record, check);

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C1_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C1_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Fact]
    public void Given_the_C1_run_When_its_record_is_read_Then_Figure1_has_its_30_panels() =>
        Assert.Equal(30, Record.Images.Count(i => i.Figure == "Figure1"));
}
