using MathNet.Numerics.Distributions;
using Repro.Experiments.Analysis;

namespace Repro.Unit.Tests.Engine;

/// <summary>The statistics behind every verdict, against closed forms and the numbers the verdicts issue quoted.</summary>
public sealed class StatisticsTests
{
    [Fact]
    public void Given_two_values_0_and_2_When_the_95_percent_interval_is_taken_Then_it_is_1_plus_minus_t_0_975_1_which_is_12_706()
    {
        var i = MeanInterval.Of([0, 2]);
        // sd = √2, se = sd/√2 = 1, t(0.975, 1) = 12.7062.
        Assert.Equal(1, i.Mean, 12);
        Assert.True(Math.Abs(i.High - (1 + 12.7062047)) < 1e-6, $"upper bound {i.High:R}, expected 13.7062047");
        Assert.True(Math.Abs(i.Low - (1 - 12.7062047)) < 1e-6, $"lower bound {i.Low:R}, expected -11.7062047");
    }

    [Fact]
    public void Given_five_values_When_the_interval_is_taken_Then_its_half_width_is_t_0_975_4_times_the_standard_error()
    {
        double[] v = [0.70, 0.78, 0.62, 0.75, 0.71];
        double mean = v.Average(), sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / 4);
        double half = StudentT.InvCDF(0, 1, 4, 0.975) * sd / Math.Sqrt(5);
        var i = MeanInterval.Of(v);
        Assert.True(Math.Abs(i.High - i.Mean - half) < 1e-12 && Math.Abs(i.Mean - i.Low - half) < 1e-12, $"half widths {i.High - i.Mean:R} / {i.Mean - i.Low:R}, expected {half:R}");
    }

    [Fact]
    public void Given_one_value_or_a_NaN_When_the_interval_is_taken_Then_there_is_none()
    {
        Assert.False(MeanInterval.Of([0.5]).HasInterval);
        Assert.Equal(0.5, MeanInterval.Of([0.5]).Mean);
        Assert.True(double.IsNaN(MeanInterval.Of([0.5, double.NaN, 0.7]).Mean));
    }

    [Fact]
    public void Given_six_values_in_falling_order_When_the_trend_is_tested_Then_rho_is_minus_1_and_the_exact_p_is_1_in_720()
    {
        var t = SpearmanTrend.Of([1, 2, 3, 4, 5, 6], [0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
        Assert.Equal(-1, t.Rho, 12);
        Assert.Equal(1.0 / 720, t.PFalling, 12);
    }

    [Theory]
    // The verdicts issue: MNIST's ρ = −0.657 (n = 6) has exact one-sided p = P(ρ ≤ −0.657) = 0.088 (63 of 720 orderings).
    // For F-MNIST's −0.886 it quoted 0.008, which is the strict tail P(ρ < −0.886) = 6/720; the p-value includes the
    // observed value, P(ρ ≤ −0.886) = 12/720 = 0.0167 (the tables' 0.886 critical value at one-sided α = 0.025).
    [InlineData(new double[] { 4, 6, 5, 1, 3, 2 }, -0.657, 0.088)]
    [InlineData(new double[] { 5, 6, 4, 2, 3, 1 }, -0.886, 0.0167)]
    public void Given_the_clarities_ranked_as_the_issue_quotes_When_tested_Then_rho_and_the_exact_p_match_it(double[] values, double rho, double p)
    {
        var t = SpearmanTrend.Of([1, 2, 3, 4, 5, 6], values);
        Assert.True(Math.Abs(t.Rho - rho) < 0.0005, $"ρ = {t.Rho:G4}, expected {rho}");
        Assert.True(Math.Abs(t.PFalling - p) < 0.0006, $"p = {t.PFalling:G4}, expected {p}");
    }

    [Fact]
    public void Given_a_matrix_whose_diagonal_alone_is_1_When_the_PNCs_are_relabelled_Then_no_relabelling_reaches_it_and_p_is_1_over_N_plus_1()
    {
        var m = Enumerable.Range(0, 10).Select(i => Enumerable.Range(0, 10).Select(j => i == j ? 1.0 : 0.0).ToArray()).ToArray();
        double p = PermutationTest.DiagonalMeanP([m], permutations: 2000);
        Assert.Equal(1.0 / 2001, p, 12);
    }

    [Fact]
    public void Given_a_constant_matrix_When_the_PNCs_are_relabelled_Then_every_relabelling_ties_and_p_is_1()
    {
        var m = Enumerable.Range(0, 10).Select(_ => Enumerable.Repeat(0.3, 10).ToArray()).ToArray();
        Assert.Equal(1.0, PermutationTest.DiagonalMeanP([m, m], permutations: 500), 12);
    }

    [Fact]
    public void Given_the_same_seed_When_the_permutation_test_runs_twice_Then_the_p_is_identical()
    {
        var rng = new Random(3);
        var m = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 10).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        double a = PermutationTest.DiagonalMeanP([m], 1000, seed: 7), b = PermutationTest.DiagonalMeanP([m], 1000, seed: 7);
        Assert.Equal(a, b);
        Assert.InRange(a, 1.0 / 1001, 1.0);
    }

    [Fact]
    public void Given_seeds_whose_APs_match_or_are_negated_When_cross_seed_agreement_is_taken_Then_it_is_the_mean_r_over_the_other_seeds_and_classes()
    {
        float[] a = [0, 1, 2, 3], b = [3, 1, 0, 2];
        float[] negA = a.Select(v => -v).ToArray();
        IReadOnlyList<IReadOnlyList<float[]?>> seeds = [[a, b], [a, b], [negA, null]];
        // Seed 0 against seed 1: r = 1 for both classes; against seed 2: r = −1 for class 0, class 1 failed and left out.
        Assert.Equal((1 + 1 - 1) / 3.0, CrossSeed.Agreement(seeds, 0), 12);
        Assert.True(double.IsNaN(CrossSeed.Agreement([[a, b]], 0)));
    }
}
