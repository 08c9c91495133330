using Repro.Experiments.Analysis;

namespace Repro.Unit.Tests.Engine;

/// <summary>The intervals that fit their statistic, Holm's correction and Page's trend test, against closed forms.</summary>
public sealed class IntervalAndTrendTests
{
    [Fact]
    public void Given_5_of_5_When_the_one_sided_Clopper_Pearson_bound_is_taken_Then_it_is_0_05_to_the_power_one_fifth()
    {
        double bound = ClopperPearson.LowerBound(5, 5, 0.95);
        Assert.True(Math.Abs(bound - Math.Pow(0.05, 0.2)) < 1e-12, $"lower bound {bound:R}, closed form {Math.Pow(0.05, 0.2):R}");
    }

    [Fact]
    public void Given_0_and_n_successes_When_the_two_sided_interval_is_taken_Then_its_open_end_solves_the_binomial_tail()
    {
        // 0 of 10: the upper bound solves (1 − x)^10 = 0.025; 10 of 10 mirrors it.
        var (lo0, hi0) = ClopperPearson.Of(0, 10);
        Assert.Equal(0, lo0);
        Assert.True(Math.Abs(hi0 - (1 - Math.Pow(0.025, 0.1))) < 1e-12, $"upper {hi0:R}");
        var (lo10, hi10) = ClopperPearson.Of(10, 10);
        Assert.Equal(1, hi10);
        Assert.True(Math.Abs(lo10 - Math.Pow(0.025, 0.1)) < 1e-12, $"lower {lo10:R}");
    }

    [Fact]
    public void Given_1_of_2_When_the_two_sided_interval_is_taken_Then_it_is_symmetric_and_solves_the_tails()
    {
        // 1 of 2: P(X ≥ 1 | π) = 1 − (1 − π)² = 0.025 at the lower bound, so π = 1 − √0.975.
        var (lo, hi) = ClopperPearson.Of(1, 2);
        Assert.True(Math.Abs(lo - (1 - Math.Sqrt(0.975))) < 1e-12, $"lower {lo:R}");
        Assert.True(Math.Abs(hi - Math.Sqrt(0.975)) < 1e-12, $"upper {hi:R}");
    }

    [Fact]
    public void Given_correlations_When_the_Fisher_z_interval_is_taken_Then_it_is_tanh_of_the_t_interval_of_atanh_r()
    {
        double[] r = [0.5, 0.6, 0.7];
        var z = r.Select(Math.Atanh).ToArray();
        double mz = z.Average(), sz = Math.Sqrt(z.Sum(v => (v - mz) * (v - mz)) / 2);
        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 2, 0.975) * sz / Math.Sqrt(3);
        var i = FisherZInterval.Of(r);
        Assert.Equal(0.6, i.Mean, 12);
        Assert.True(Math.Abs(i.Low - Math.Tanh(mz - half)) < 1e-12 && Math.Abs(i.High - Math.Tanh(mz + half)) < 1e-12, $"[{i.Low:R}, {i.High:R}]");
        Assert.InRange(i.Low, -1, 1);
        Assert.InRange(i.High, -1, 1);
    }

    [Fact]
    public void Given_a_correlation_of_exactly_minus_one_When_the_Fisher_z_interval_is_taken_Then_it_is_finite_and_inside_the_range()
    {
        var i = FisherZInterval.Of([-1, -0.8, -0.9]);
        Assert.True(double.IsFinite(i.Low) && double.IsFinite(i.High));
        Assert.InRange(i.Low, -1, -0.0);
        Assert.InRange(i.High, -1, 1);
    }

    [Fact]
    public void Given_a_bounded_mean_When_its_Student_t_interval_would_leave_the_range_Then_it_is_cut_at_the_bound()
    {
        var i = CheckStatistic.Bounded(0, 1).IntervalOf([0.99, 1.0, 0.995, 1.0]);
        Assert.Equal(1, i.High);
        Assert.True(MeanInterval.Of([0.99, 1.0, 0.995, 1.0]).High > 1);
    }

    [Fact]
    public void Given_four_p_values_When_Holm_adjusts_them_Then_each_is_the_running_maximum_of_m_minus_rank_times_p()
    {
        // Sorted 0.01, 0.02, 0.03, 0.04 → 0.04, 0.06, 0.06, 0.06 (running max of 4·0.01, 3·0.02, 2·0.03, 1·0.04).
        var a = HolmCorrection.Adjust([0.03, 0.01, null, 0.04, 0.02]);
        Assert.Equal([0.06, 0.04, null, 0.06, 0.06], a.Select(v => v is { } x ? Math.Round(x, 12) : (double?)null));
    }

    [Fact]
    public void Given_every_seed_ranking_six_configurations_in_the_predicted_order_When_Page_tests_it_Then_L_is_maximal_and_p_is_one_over_720_to_the_n()
    {
        // Two blocks, each falling perfectly: the only ordering pair reaching the maximum L, so p = (1/720)².
        double[] falling = [0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
        var t = PageTrend.Of([falling, falling], falling: true);
        Assert.Equal(2 * 91, t.L); // Σ j² for j = 1 … 6 is 91
        Assert.True(Math.Abs(t.P - 1.0 / (720 * 720)) < 1e-15, $"p {t.P:R}");
        Assert.Equal(1, PageTrend.Of([falling, falling], falling: false).P, 12);
    }

    [Fact]
    public void Given_one_block_When_Page_tests_it_Then_its_p_is_Spearmans_exact_p_over_the_orderings()
    {
        // With one block L is a linear function of Spearman's ρ, so both exact tests give the same p.
        double[] v = [0.5, 0.6, 0.3, 0.4, 0.1, 0.2];
        var page = PageTrend.Of([v], falling: true);
        var spearman = SpearmanTrend.Of([1, 2, 3, 4, 5, 6], v);
        Assert.True(Math.Abs(page.P - spearman.PFalling) < 1e-12, $"Page {page.P:R}, Spearman {spearman.PFalling:R}");
    }
}
