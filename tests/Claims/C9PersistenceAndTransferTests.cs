namespace Repro.Claims.Tests;

/// <summary>C9 — beyond the paper (abstract, §3, §4.1): the patterns persist across Table 1's networks, and their ADEs transfer.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C9")]
public sealed class C9PersistenceAndTransferTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C9");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C9");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C9");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C9");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C9_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(SanityChecks))]
    public void Given_the_C9_run_When_a_sanity_check_is_read_Then_it_holds_on_every_seed(string check) =>
        ClaimAssert.Sane(Record, check);

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C9_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C9_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Fact]
    public void Given_the_C9_run_When_its_record_is_read_Then_it_holds_a_6_by_6_pair_matrix_and_a_6_by_6_transfer_matrix_per_dataset() =>
        Assert.Equal(4, Record.Matrices.Count(m => m.Figure == "C9" && m.RowLabels.Count == 6 && m.ColumnLabels.Count == 6));
}
