namespace Repro.Claims.Tests;

/// <summary>C10 — §4.2's explanation: a sparse negative set in a spacious input space makes natural images easy to move.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C10")]
public sealed class C10SparseNegativeSetTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C10");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C10");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C10");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C10");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C10_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C10_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C10_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Theory]
    [MemberData(nameof(SanityChecks))]
    public void Given_the_C10_run_When_a_registered_sanity_check_is_read_Then_it_holds_on_every_seed(string check) =>
        ClaimAssert.Sane(Record, check);

    [Fact]
    public void Given_the_C10_run_When_its_panels_are_read_Then_the_7x7_and_the_2_class_networks_show_their_PNCs_beside_their_zero_feed_APs()
    {
        var panels = Record.Images.Where(i => i.Figure == Experiments.Claims.C10SparseNegativeSet.Figure).ToList();
        Assert.Equal(4, panels.Select(i => i.Row).Distinct().Count());
        Assert.Equal(2 * 10 + 2 * 2, panels.Count);
        Assert.All(panels.Where(i => i.Row.StartsWith("7×7", StringComparison.Ordinal)), i => Assert.Equal((7, 7), (i.Height, i.Width)));
    }
}
