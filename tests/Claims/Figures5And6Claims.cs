namespace Repro.Claims.Tests;

/// <summary>C6 — Figures 5 and 6 (§2.6, §4.2): the tiling and overlapping dummy datasets.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C6")]
public sealed class Figures5And6Claims(ClaimsFixture claims)
{
    private Results.ClaimResult C6 => claims.Get("C6");

    [Fact]
    public void Given_the_tiling_dataset_When_its_PNCs_are_computed_Then_each_equals_its_class_image() =>
        ClaimAssert.Holds(C6, "tiling: PNC equals class");

    [Fact]
    public void Given_an_FC_trained_on_the_tiling_dataset_When_zero_feed_runs_Then_each_AP_replicates_its_class_with_r_at_least_0_9() =>
        ClaimAssert.Holds(C6, "tiling: AP replicates class");

    [Fact]
    public void Given_the_overlapping_dataset_When_its_PNCs_are_computed_Then_none_equals_its_class_image() =>
        ClaimAssert.Holds(C6, "overlapping: PNC differs from class");

    [Fact]
    public void Given_an_FC_trained_on_the_overlapping_dataset_When_zero_feed_runs_Then_the_AP_beyond_the_class_shape_correlates_with_the_PNC_beyond_it() =>
        ClaimAssert.Holds(C6, "overlapping: AP carries the PNC's contrast");

    [Theory]
    [InlineData("tiling: trained to 100% and loss ≤ 0.00058")]
    [InlineData("overlapping: trained to 100% and loss ≤ 0.00058")]
    public void Given_the_dummy_FC_When_trained_with_SGD_Then_it_reaches_100_percent_and_loss_at_most_5_8e_4(string check) =>
        ClaimAssert.Holds(C6, check);

    [Fact]
    public void Given_the_C6_run_When_its_record_is_read_Then_Figures_5_and_6_show_class_images_PNCs_and_APs()
    {
        ClaimAssert.IsComplete(C6);
        Assert.Equal(12, C6.Images.Count(i => i.Figure == "Figure5"));
        Assert.Equal(12, C6.Images.Count(i => i.Figure == "Figure6"));
    }
}
