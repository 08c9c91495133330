namespace Repro.Claims.Tests;

/// <summary>C1 — Figure 1 (§2.2, §3): zero feed, noise feed and AAI agree.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C1")]
public sealed class Figure1Claims(ClaimsFixture claims)
{
    private Results.ClaimResult C1 => claims.Get("C1");

    [Fact]
    public void Given_an_FC_trained_with_SGD_on_MNIST_When_APs_are_made_by_zero_feed_noise_feed_and_AAI_Then_each_class_agrees_across_methods_with_r_at_least_0_6() =>
        ClaimAssert.Holds(C1, "same-class agreement");

    [Fact]
    public void Given_the_three_methods_APs_When_each_AP_is_matched_to_the_other_methods_Then_its_best_match_is_its_own_class_for_all_ten() =>
        ClaimAssert.Holds(C1, "unique per class");

    [Fact]
    public void Given_every_ADE_of_the_three_methods_When_classified_Then_the_target_confidence_is_at_least_0_9() =>
        ClaimAssert.Holds(C1, "high confidence");

    [Fact]
    public void Given_every_ADE_of_the_three_methods_When_classified_Then_the_network_predicts_its_target() =>
        ClaimAssert.Holds(C1, "classified as target");

    [Fact]
    public void Given_the_C1_run_When_its_record_is_read_Then_it_holds_every_field_and_Figure_1_as_3_by_10_images()
    {
        ClaimAssert.IsComplete(C1);
        Assert.Equal(30, C1.Images.Count(i => i.Figure == "Figure1"));
        Assert.True(C1.Timings.ContainsKey("secondsPerAp.batched") && C1.Timings.ContainsKey("secondsPer30AdeAai.batched"));
    }
}
