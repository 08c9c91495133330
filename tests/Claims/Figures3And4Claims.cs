namespace Repro.Claims.Tests;

/// <summary>C4 and C5 — Figures 3 and 4 (§3, §4.2): APs approximate PNCs; clarity against complexity.</summary>
[Collection(ClaimsCollection.Name)]
public sealed class Figures3And4Claims(ClaimsFixture claims)
{
    private Results.ClaimResult C4 => claims.Get("C4");
    private Results.ClaimResult C5 => claims.Get("C5");

    [Theory]
    [Trait("Claim", "C4")]
    [InlineData("MNIST FC-SGD Zero feed: unique per class")]
    [InlineData("MNIST FC-SGD Noise feed: unique per class")]
    public void Given_an_FC_trained_with_SGD_on_MNIST_When_each_AP_is_matched_to_the_ten_PNCs_Then_at_least_9_find_their_own_class(string check) =>
        ClaimAssert.Holds(C4, check);

    [Theory]
    [Trait("Claim", "C4")]
    [InlineData("F-MNIST FC-SGD Zero feed: unique per class")]
    [InlineData("F-MNIST FC-SGD Noise feed: unique per class")]
    public void Given_an_FC_trained_with_SGD_on_Fashion_MNIST_When_each_AP_is_matched_to_the_ten_PNCs_Then_at_least_8_find_their_own_class(string check) =>
        ClaimAssert.Holds(C4, check);

    [Fact]
    [Trait("Claim", "C4")]
    public void Given_every_network_whose_attack_succeeded_When_its_AP_PNC_diagonal_is_compared_with_an_untrained_twin_Then_it_is_higher_by_at_least_0_2() =>
        ClaimAssert.Holds(C4, "every network beats the untrained-network control");

    [Fact]
    [Trait("Claim", "C4")]
    public void Given_every_network_whose_attack_succeeded_When_its_AP_PNC_diagonal_is_compared_with_shuffled_label_PNCs_Then_it_is_higher() =>
        ClaimAssert.Holds(C4, "every network beats the shuffled-label PNC control");

    [Fact]
    [Trait("Claim", "C4")]
    public void Given_the_C4_run_When_its_record_is_read_Then_Figures_3_and_4_have_a_PNC_row_and_two_rows_per_configuration()
    {
        ClaimAssert.IsComplete(C4);
        Assert.Equal(10 * (1 + 6 * 2), C4.Images.Count(i => i.Figure == "Figure3"));
        Assert.Equal(10 * (1 + 6 * 2), C4.Images.Count(i => i.Figure == "Figure4"));
    }

    [Theory]
    [Trait("Claim", "C5")]
    [InlineData("MNIST: clarity falls with complexity")]
    [InlineData("F-MNIST: clarity falls with complexity")]
    public void Given_the_six_configurations_ranked_by_complexity_When_their_AP_PNC_diagonal_means_are_ranked_Then_Spearman_rho_is_negative(string check) =>
        ClaimAssert.Holds(C5, check);

    [Fact]
    [Trait("Claim", "C5")]
    public void Given_the_C5_run_When_its_record_is_read_Then_it_holds_rho_for_both_datasets()
    {
        ClaimAssert.IsComplete(C5);
        // ρ recomputed by MathNet from the six clarities in the record, ranked by complexity, equals the recorded ρ.
        foreach (var dataset in new[] { "MNIST", "F-MNIST" })
        {
            string[] order = ["FC-SGD", "FC-Adam", "CNN-SGD", "CNN-Adam", "CNN*-SGD", "CNN*-Adam"];
            var clarity = order.Select(n => C5.Metrics[$"{dataset} {n}.clarity"].Mean).ToArray();
            double rho = MathNet.Numerics.Statistics.Correlation.Spearman(Enumerable.Range(1, 6).Select(i => (double)i), clarity);
            Assert.Equal(rho, C5.Metrics[$"{dataset}.spearmanRho"].Mean, 1e-6);
        }
    }
}
