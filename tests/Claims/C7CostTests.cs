namespace Repro.Claims.Tests;

/// <summary>C7 — §2.7: the cost of each stage is recorded beside the paper's; nothing about time is judged.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C7")]
public sealed class C7CostTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C7");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C7");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C7");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C7");

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C7_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C7_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);
}
