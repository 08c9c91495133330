using Repro.Experiments.Analysis;

namespace Repro.Unit.Tests.Analysis;

/// <summary>The exact Mann–Whitney test against its closed forms.</summary>
public sealed class MannWhitneyTests
{
    [Fact]
    public void Given_five_values_all_above_five_others_When_tested_exactly_Then_U_is_25_the_AUC_is_1_and_p_is_1_in_252()
    {
        double[] canary = [3.1, 2.5, 4.0, 2.2, 5.3], clean = [0.4, -1.2, 0.9, 1.1, -0.3];

        Assert.Equal(25, MannWhitney.U(canary, clean));
        Assert.Equal(1, MannWhitney.Auc(canary, clean));
        Assert.Equal(1.0 / 252, MannWhitney.ExactUpperP(canary, clean), 12);
    }

    [Fact]
    public void Given_one_value_of_five_below_one_other_When_tested_exactly_Then_U_is_24_and_p_is_2_in_252()
    {
        // Only the observed split and the one with those two values swapped reach U ≥ 24.
        double[] x = [1.5, 3, 4, 5, 6], y = [-1, -2, -3, -4, 2];

        Assert.Equal(24, MannWhitney.U(x, y));
        Assert.Equal(2.0 / 252, MannWhitney.ExactUpperP(x, y), 12);
    }

    [Fact]
    public void Given_identical_samples_When_tested_Then_ties_count_half_and_p_is_1()
    {
        double[] x = [1, 1], y = [1, 1];

        Assert.Equal(2, MannWhitney.U(x, y));
        Assert.Equal(0.5, MannWhitney.Auc(x, y));
        Assert.Equal(1, MannWhitney.ExactUpperP(x, y), 12);
    }

    [Fact]
    public void Given_the_reverse_order_When_tested_for_x_above_y_Then_p_is_1() =>
        Assert.Equal(1, MannWhitney.ExactUpperP([0, 1, 2], [5, 6, 7]), 12);
}
