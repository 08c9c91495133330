namespace Repro.Claims.Tests;

/// <summary>C2 — Figure 2 (§2.3): the class-5 AP does not depend on the abstraction parameters.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C2")]
public sealed class Figure2Claims(ClaimsFixture claims)
{
    private Results.ClaimResult C2 => claims.Get("C2");

    [Fact]
    public void Given_zero_feed_stopped_at_confidence_0_8_0_9_and_above_0_99_When_the_APs_are_compared_Then_every_pair_has_r_at_least_0_7() =>
        ClaimAssert.Holds(C2, "zero feed settings agree");

    [Fact]
    public void Given_noise_feed_stopped_at_loss_1_1e_2_and_1e_4_When_the_APs_are_compared_Then_every_pair_has_r_at_least_0_7() =>
        ClaimAssert.Holds(C2, "noise feed settings agree");

    [Fact]
    public void Given_AAIs_of_10_100_and_1000_ADEs_When_compared_Then_every_pair_has_r_at_least_0_7() =>
        ClaimAssert.Holds(C2, "AAI sizes agree");

    [Fact]
    public void Given_the_nine_class_5_APs_When_APs_of_different_methods_are_compared_Then_their_mean_r_is_at_least_0_6() =>
        ClaimAssert.Holds(C2, "methods agree");

    [Fact]
    public void Given_the_confidence_and_loss_stops_When_each_run_ends_Then_the_named_condition_not_the_iteration_cap_stopped_it() =>
        ClaimAssert.Holds(C2, "the named condition stopped each run");

    [Fact]
    public void Given_the_C2_run_When_its_record_is_read_Then_it_holds_every_field_and_nine_Figure_2_panels()
    {
        ClaimAssert.IsComplete(C2);
        Assert.Equal(9, C2.Images.Count(i => i.Figure == "Figure2"));
    }
}
