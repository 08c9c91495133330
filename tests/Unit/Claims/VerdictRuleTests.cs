using Repro.Experiments.Analysis;
using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

/// <summary>The three-way rule for a claim check, the sanity rule, and how a claim's verdict follows its checks.</summary>
public sealed class VerdictRuleTests
{
    static CheckOutcome Decide(string cmp, double t, double[] v, double? p = null, double? alpha = null) =>
        RecordBuilder.Decide(cmp, t, MeanInterval.Of(v), p, alpha);

    [Fact]
    public void Given_an_interval_wholly_above_a_lower_bar_When_judged_Then_it_is_Re() =>
        Assert.Equal(CheckOutcome.Re, Decide("≥", 0.7, [0.80, 0.82, 0.81, 0.79, 0.80]));

    [Fact]
    public void Given_an_interval_wholly_below_a_lower_bar_When_judged_Then_it_is_NotRe() =>
        Assert.Equal(CheckOutcome.NotRe, Decide("≥", 0.7, [0.50, 0.52, 0.51, 0.49, 0.50]));

    [Fact]
    public void Given_the_issues_noise_feed_agreement_0_709_sd_0_072_on_three_seeds_When_judged_against_0_7_Then_it_is_inconclusive() =>
        Assert.Equal(CheckOutcome.Inconclusive, Decide("≥", 0.7, [0.64, 0.70, 0.787]));

    [Fact]
    public void Given_an_upper_bar_When_the_interval_lies_below_or_above_it_Then_it_is_Re_or_NotRe()
    {
        Assert.Equal(CheckOutcome.Re, Decide("<", 0, [-0.6, -0.7, -0.65]));
        Assert.Equal(CheckOutcome.NotRe, Decide("<", 0, [0.6, 0.7, 0.65]));
    }

    [Fact]
    public void Given_one_seed_clearly_past_the_bar_When_judged_without_a_p_value_Then_it_is_inconclusive_for_it_has_no_interval() =>
        Assert.Equal(CheckOutcome.Inconclusive, Decide("≥", 0.7, [0.95]));

    [Fact]
    public void Given_one_seed_on_the_failing_side_When_judged_Then_it_is_inconclusive_too() =>
        Assert.Equal(CheckOutcome.Inconclusive, Decide("≥", 0.7, [0.5]));

    [Fact]
    public void Given_one_value_with_a_small_p_When_judged_Then_it_is_inconclusive_for_the_p_says_nothing_of_the_noise_at_the_bar() =>
        Assert.Equal(CheckOutcome.Inconclusive, Decide("<", 0, [-0.886], p: 0.008, alpha: 0.05));

    [Fact]
    public void Given_three_seeds_past_the_bar_When_the_p_is_below_or_above_alpha_Then_it_is_Re_or_inconclusive()
    {
        Assert.Equal(CheckOutcome.Re, Decide("<", 0, [-0.8, -0.9, -0.85], p: 0.017, alpha: 0.05));
        Assert.Equal(CheckOutcome.Inconclusive, Decide("<", 0, [-0.8, -0.9, -0.85], p: 0.088, alpha: 0.05));
    }

    [Fact]
    public void Given_a_p_value_of_NaN_When_the_check_is_built_Then_it_has_no_p_and_a_p_without_a_level_is_refused()
    {
        var c = new RecordBuilder("Cx", Register()).Claim("a", "m", "≥", 0.5, [0, 1, 2], [0.9, 0.91, 0.92], p: double.NaN, alpha: 0.01);
        Assert.Null(c.P);
        Assert.Throws<ArgumentException>(() => new RecordBuilder("Cx", Register()).Claim("b", "m", "≥", 0.5, [0, 1, 2], [0.9, 0.91, 0.92], p: 0.001));
    }

    [Fact]
    public void Given_an_interval_that_clears_the_bar_When_its_p_is_not_below_alpha_Then_it_is_inconclusive() =>
        Assert.Equal(CheckOutcome.Inconclusive, Decide(">", 0, [0.3, 0.31, 0.29], p: 0.02, alpha: 0.01));

    [Fact]
    public void Given_a_NaN_measurement_When_judged_Then_it_is_inconclusive_never_Re() =>
        Assert.Equal(CheckOutcome.Inconclusive, Decide("≥", 0.7, [0.8, double.NaN, 0.8]));

    static ThresholdRegister Register() => ThresholdRegister.Parse(
        "2026-11-29\tCx\ta\tclaim\tm\t≥\t0.5\tr\n2026-11-29\tCx\tb\tclaim\tm\t≥\t0.5\tr\n2026-11-29\tCx\ts\tsanity\tm\t≥\t1\tr\n2026-11-29\tCx\tv\trecorded\tm\t\t—\tr\n");

    [Fact]
    public void Given_claim_checks_When_all_are_Re_one_is_NotRe_or_one_is_inconclusive_Then_the_verdict_is_Re_NotRe_or_inconclusive()
    {
        var all = new RecordBuilder("Cx", Register());
        all.Claim("a", "m", "≥", 0.5, [0, 1, 2], [0.9, 0.91, 0.92]);
        all.Claim("b", "m", "≥", 0.5, [0, 1, 2], [0.8, 0.81, 0.82]);
        all.Recorded("v", "m", [0, 1, 2], [0.1, 0.2, 0.3]);
        Assert.Equal(Verdict.Re, all.Verdict());
        Assert.Null(all.Finding());

        var one = new RecordBuilder("Cx", Register());
        one.Claim("a", "m", "≥", 0.5, [0, 1, 2], [0.9, 0.91, 0.92]);
        one.Claim("b", "m", "≥", 0.5, [0, 1, 2], [0.1, 0.11, 0.12]);
        Assert.Equal(Verdict.NotRe, one.Verdict());
        Assert.StartsWith("Not reproduced: b [¬Re]", one.Finding());

        var open = new RecordBuilder("Cx", Register());
        open.Claim("a", "m", "≥", 0.5, [0, 1, 2], [0.9, 0.91, 0.92]);
        open.Claim("b", "m", "≥", 0.5, [0, 1, 2], [0.3, 0.5, 0.7]);
        Assert.Equal(Verdict.Inconclusive, open.Verdict());
    }

    [Fact]
    public void Given_a_sanity_check_that_fails_on_one_seed_When_the_verdict_is_taken_Then_the_run_is_invalid_not_NotRe()
    {
        var b = new RecordBuilder("Cx", Register());
        b.Claim("a", "m", "≥", 0.5, [0, 1, 2], [0.9, 0.91, 0.92]);
        var s = b.Sanity("s", "m", "≥", 1, [0, 1, 2], [1, 0, 1]);
        Assert.Equal(CheckOutcome.Fails, s.Outcome);
        Assert.Equal(Verdict.InvalidRun, b.Verdict());
        Assert.StartsWith("Invalid run: ", b.Finding());
    }

    [Fact]
    public void Given_a_check_the_register_lacks_When_it_is_built_Then_it_throws_naming_the_register()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new RecordBuilder("Cx", Register()).Claim("new", "m", "≥", 0.5, [0], [1]));
        Assert.Contains(ThresholdRegister.FileName, e.Message);
    }

    [Fact]
    public void Given_a_threshold_in_code_that_differs_from_the_register_When_the_check_is_built_Then_it_throws_asking_for_a_dated_line()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new RecordBuilder("Cx", Register()).Claim("a", "m", "≥", 0.4, [0, 1], [1, 1]));
        Assert.Contains("append a dated line", e.Message);
    }

    [Fact]
    public void Given_a_check_registered_as_sanity_When_code_builds_it_as_a_claim_Then_it_throws() =>
        Assert.Throws<InvalidOperationException>(() => new RecordBuilder("Cx", Register()).Claim("s", "m", "≥", 1, [0], [1]));
}
