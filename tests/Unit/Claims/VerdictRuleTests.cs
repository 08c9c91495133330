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
        var c = new RecordBuilder("Cx", Register()).Claim("a", [0, 1, 2], [0.9, 0.91, 0.92], p: PValue.Exact(double.NaN, "none"), alpha: 0.01);
        Assert.Null(c.P);
        Assert.Throws<ArgumentException>(() => new RecordBuilder("Cx", Register()).Claim("b", [0, 1, 2], [0.9, 0.91, 0.92], p: PValue.Exact(0.001, "none")));
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
        all.Claim("a", [0, 1, 2], [0.9, 0.91, 0.92]);
        all.Claim("b", [0, 1, 2], [0.8, 0.81, 0.82]);
        all.Recorded("v", [0, 1, 2], [0.1, 0.2, 0.3]);
        Assert.Equal(Verdict.Re, all.Verdict());
        Assert.Null(all.Finding());

        var one = new RecordBuilder("Cx", Register());
        one.Claim("a", [0, 1, 2], [0.9, 0.91, 0.92]);
        one.Claim("b", [0, 1, 2], [0.1, 0.11, 0.12]);
        Assert.Equal(Verdict.NotRe, one.Verdict());
        Assert.StartsWith("Not reproduced: b [¬Re]", one.Finding());

        var open = new RecordBuilder("Cx", Register());
        open.Claim("a", [0, 1, 2], [0.9, 0.91, 0.92]);
        open.Claim("b", [0, 1, 2], [0.3, 0.5, 0.7]);
        Assert.Equal(Verdict.Inconclusive, open.Verdict());
    }

    [Fact]
    public void Given_a_sanity_check_that_fails_on_one_seed_When_the_verdict_is_taken_Then_the_run_is_invalid_not_NotRe()
    {
        var b = new RecordBuilder("Cx", Register());
        b.Claim("a", [0, 1, 2], [0.9, 0.91, 0.92]);
        var s = b.Sanity("s", [0, 1, 2], [1, 0, 1]);
        Assert.Equal(CheckOutcome.Fails, s.Outcome);
        Assert.Equal(Verdict.InvalidRun, b.Verdict());
        Assert.StartsWith("Invalid run: ", b.Finding());
    }

    [Fact]
    public void Given_a_check_the_register_lacks_When_it_is_built_Then_one_line_names_the_claim_the_check_and_the_register()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new RecordBuilder("Cx", Register()).Claim("new", [0], [1]));
        Assert.Contains("Cx check 'new'", e.Message);
        Assert.Contains(ThresholdRegister.FileName, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Given_a_retired_check_When_it_is_built_Then_it_throws_as_unregistered()
    {
        var register = ThresholdRegister.Parse("2026-11-29\tCx\ta\tclaim\tm\t≥\t0.5\tr\n2026-12-01\tCx\ta\tretired\t—\t\t—\tgone\n");
        var e = Assert.Throws<InvalidOperationException>(() => new RecordBuilder("Cx", register).Claim("a", [0], [1]));
        Assert.Contains("no current line", e.Message);
    }

    [Fact]
    public void Given_a_registered_check_When_it_is_built_Then_its_metric_comparison_threshold_and_analysis_are_the_current_lines()
    {
        var register = ThresholdRegister.Parse("2026-11-29\tCx\ta\tclaim\told words\t≥\t0.5\tfirst\n" +
                                               "2026-12-01\tCx\ta\tclaim\tnew words\t>\t0.25\tsecond\texploratory\n");
        var c = new RecordBuilder("Cx", register).Claim("a", [0, 1, 2], [0.3, 0.31, 0.29]);
        Assert.Equal((CheckKind.Claim, "new words", ">", 0.25, RegisterEntry.Exploratory), (c.Kind, c.Metric, c.Comparison, c.Threshold, c.Analysis));
        Assert.Null(register.Disagreement("Cx", c));
    }

    [Theory]
    [InlineData("s", "Claim", "is a sanity check in")]
    [InlineData("a", "Sanity", "is a claim check in")]
    [InlineData("a", "Recorded", "is a claim check in")]
    [InlineData("v", "Claim", "is a recorded check in")]
    [InlineData("v", "RecordedReading", "no threshold: make it with Recorded")]
    [InlineData("r", "Recorded", "a threshold (≥ 0.5): make it with RecordedReading")]
    [InlineData("s2", "Precondition", "is a precondition (≥ 1) in code but '≥ 2'")]
    public void Given_a_check_built_by_a_method_of_another_kind_than_its_register_line_When_built_Then_one_line_names_the_claim_the_check_and_the_register(
        string name, string method, string expected)
    {
        var register = ThresholdRegister.Parse(
            "2026-11-29\tCx\ta\tclaim\tm\t≥\t0.5\tr\n2026-11-29\tCx\ts\tsanity\tm\t≥\t1\tr\n2026-11-29\tCx\tv\trecorded\tm\t\t—\tr\n" +
            "2026-11-29\tCx\tr\trecorded\tm\t≥\t0.5\tr\n2026-11-29\tCx\ts2\tsanity\tm\t≥\t2\tr\n");
        var b = new RecordBuilder("Cx", register);
        Action build = method switch
        {
            "Claim" => () => b.Claim(name, [0], [1]),
            "Sanity" => () => b.Sanity(name, [0], [1]),
            "Recorded" => () => b.Recorded(name, [0], [1]),
            "RecordedReading" => () => b.RecordedReading(name, [0], [1]),
            _ => () => b.Precondition(name, [0], [true], [false]),
        };
        var e = Assert.Throws<InvalidOperationException>(build);
        Assert.Contains($"Cx check '{name}'", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains(ThresholdRegister.FileName, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Given_a_registered_threshold_When_asked_for_by_name_Then_it_is_the_current_lines_and_an_unregistered_name_throws()
    {
        Assert.Equal(0.5, new RecordBuilder("Cx", Register()).ThresholdOf("a"));
        var e = Assert.Throws<InvalidOperationException>(() => new RecordBuilder("Cx", Register()).ThresholdOf("new"));
        Assert.Contains(ThresholdRegister.FileName, e.Message);
    }

    [Fact]
    public void Given_five_seeds_of_ten_of_ten_When_judged_as_a_proportion_Then_the_exact_interval_is_not_zero_width_and_a_ceiling_can_fail()
    {
        var b = new RecordBuilder("Cx", Register());
        var c = b.Claim("a", [0, 1, 2, 3, 4], [1, 1, 1, 1, 1], statistic: CheckStatistic.Proportion(10));
        Assert.Equal(IntervalKind.ClopperPearson, c.Interval);
        Assert.Equal(10, c.Trials);
        Assert.Equal(1, c.Mean);
        // 50 of 50, two-sided 95%: the lower bound solves x^50 = 0.025.
        Assert.True(Math.Abs(c.CiLow - Math.Pow(0.025, 1.0 / 50)) < 1e-9, $"lower bound {c.CiLow:R}, closed form {Math.Pow(0.025, 1.0 / 50):R}");
        Assert.Equal(1, c.CiHigh);
        Assert.Equal(CheckOutcome.Re, c.Outcome);
        // One class missed on one seed (49 of 50): the upper bound is below 1, so a bar of 1 is missed entirely.
        var d = new RecordBuilder("Cx", ThresholdRegister.Parse("2026-12-03\tCx\ta\tclaim\tm\t≥\t1\tr\n")).Claim("a", [0, 1, 2, 3, 4], [1, 1, 0.9, 1, 1],
            statistic: CheckStatistic.Proportion(10));
        Assert.Equal(CheckOutcome.NotRe, d.Outcome);
    }

    [Fact]
    public void Given_correlations_near_minus_one_When_judged_with_Fisher_z_Then_the_interval_stays_inside_minus_one_to_one()
    {
        // The issue's C5 F-MNIST case: a Student-t interval of these ρ reaches below −1.
        double[] rho = [-0.943, -0.771, -0.943, -0.886];
        var t = MeanInterval.Of(rho);
        Assert.True(t.Low < -1, $"Student t {t.Low:R}");
        var c = new RecordBuilder("Cx", ThresholdRegister.Parse("2026-12-03\tCx\ta\tclaim\tm\t<\t0\tr\n")).Claim("a", [0, 1, 2, 3], rho,
            statistic: CheckStatistic.Correlation);
        Assert.Equal(IntervalKind.FisherZ, c.Interval);
        Assert.InRange(c.CiLow, -1, c.Mean);
        Assert.InRange(c.CiHigh, c.Mean, 1);
    }

    [Fact]
    public void Given_a_family_of_three_When_judged_Then_the_Holm_adjusted_p_and_the_family_wise_interval_decide_and_the_raw_values_stay()
    {
        var register = ThresholdRegister.Parse(string.Concat(new[] { "a", "b", "c" }.Select(n => $"2026-12-03\tCx\t{n}\tclaim\tm\t>\t0\tr\n")));
        var b = new RecordBuilder("Cx", register);
        // Alone, "b" is [Re] at α = 0.01 (p = 0.004); in a family of three its Holm p is 2 × 0.004 = 0.008 < 0.01, still [Re];
        // "c" has p = 0.006, adjusted max(0.008, 1 × 0.006) = 0.008, and an interval that clears 0 at 95% but not at 1 − 0.05/3.
        b.Claim("a", [0, 1, 2], [0.30, 0.31, 0.29], PValue.Exact(0.001, "x"), 0.01, family: "f");
        b.Claim("b", [0, 1, 2], [0.30, 0.31, 0.29], PValue.Exact(0.004, "x"), 0.01, family: "f");
        var alone = b.Claim("c", [0, 1, 2], [0.04, 0.06, 0.08], PValue.Exact(0.006, "x"), 0.01, family: "f");
        Assert.Equal(CheckOutcome.Re, alone.Outcome);
        var checks = b.Checks;
        Assert.All(checks, c => Assert.Equal(3, c.FamilySize));
        Assert.Equal([0.003, 0.008, 0.008], checks.Select(c => Math.Round(c.PAdjusted!.Value, 12)));
        Assert.Equal([0.001, 0.004, 0.006], checks.Select(c => c.P!.Value));
        var c3 = checks[2];
        double t95 = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 2, 0.975), tFamily = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 2, 1 - 0.025 / 3);
        Assert.True(Math.Abs(c3.CiLow - (0.06 - t95 * 0.02 / Math.Sqrt(3))) < 1e-12 && Math.Abs(c3.FamilyCiLow - (0.06 - tFamily * 0.02 / Math.Sqrt(3))) < 1e-12,
            $"95% low {c3.CiLow:R}, family-wise low {c3.FamilyCiLow:R}");
        Assert.True(c3.CiLow > 0 && c3.FamilyCiLow < 0);
        Assert.Equal(CheckOutcome.Inconclusive, c3.Outcome);
        Assert.Equal([CheckOutcome.Re, CheckOutcome.Re, CheckOutcome.Inconclusive], checks.Select(c => c.Outcome));
        Assert.Equal(Verdict.Inconclusive, b.Verdict());
    }

    [Fact]
    public void Given_a_permutation_p_at_its_floor_When_the_check_is_built_Then_it_is_marked_as_a_bound_with_its_null()
    {
        var p = PValue.MonteCarlo(0, 10_000, "random relabelling");
        Assert.True(p.IsBound);
        Assert.Equal(1.0 / 10_001, p.Value);
        Assert.False(PValue.MonteCarlo(3, 10_000, "x").IsBound);
        var c = new RecordBuilder("Cx", Register()).Claim("a", [0, 1, 2], [0.9, 0.91, 0.92], p, 0.01);
        Assert.True(c.PIsBound);
        Assert.Equal("random relabelling", c.PNull);
        Assert.Contains("p ≤ 0.0001", RecordBuilder.Describe(c));
    }

    [Fact]
    public void Given_a_check_on_a_network_the_budget_capped_When_built_Then_it_is_not_tested_leaves_its_family_and_the_claim_is_Re_where_tested()
    {
        var register = ThresholdRegister.Parse(string.Concat(new[] { "a", "b" }.Select(n => $"2026-12-03\tCx\t{n}\tclaim\tm\t>\t0\tr\n")) +
                                               "2026-12-03\tCx\tpre\tsanity\tm\t≥\t1\tr\n");
        var b = new RecordBuilder("Cx", register);
        b.Claim("a", [0, 1, 2], [0.30, 0.31, 0.29], PValue.Exact(0.001, "x"), 0.01, family: "f");
        // Far below 0 on every seed, but its network stopped at the epoch cap: never [¬Re].
        var capped = b.Claim("b", [0, 1, 2], [-0.3, -0.31, -0.29], PValue.Exact(0.9, "x"), 0.01, family: "f", untested: "capped at 2 epochs");
        Assert.Equal(CheckOutcome.NotTested, capped.Outcome);
        Assert.StartsWith(VerdictText.NotTestedText, capped.Note);
        Assert.Equal([1, 1], b.Checks.Select(c => c.FamilySize));
        Assert.Equal(0.001, b.Checks[0].PAdjusted);
        Assert.Equal(Verdict.ReWhereTested, b.Verdict());
        Assert.StartsWith("Reproduced where tested: b not tested at this budget", b.Finding());

        var none = new RecordBuilder("Cx", register);
        none.Claim("a", [0, 1, 2], [0.30, 0.31, 0.29], untested: "capped");
        Assert.Equal(Verdict.NotTested, none.Verdict());
    }

    [Fact]
    public void Given_a_Table_1_precondition_When_a_seed_missed_its_target_at_the_cap_or_otherwise_Then_it_is_not_tested_or_fails()
    {
        var register = ThresholdRegister.Parse("2026-12-03\tCx\tpre\tsanity\tm\t≥\t1\tr\n");
        var capped = new RecordBuilder("Cx", register).Precondition("pre", [0, 1, 2], [true, false, true], [false, true, false]);
        Assert.Equal(CheckOutcome.NotTested, capped.Outcome);
        Assert.Contains("seed 1", capped.Note);
        var diverged = new RecordBuilder("Cx", register);
        diverged.Precondition("pre", [0, 1, 2], [true, false, true], [false, false, false]);
        Assert.Equal(CheckOutcome.Fails, diverged.Checks[0].Outcome);
        Assert.Equal(Verdict.InvalidRun, diverged.Verdict());
        Assert.Equal(CheckOutcome.Holds, new RecordBuilder("Cx", register).Precondition("pre", [0, 1], [true, true], [false, false]).Outcome);
    }

    [Fact]
    public void Given_a_primary_and_an_exploratory_check_When_the_verdicts_are_taken_Then_the_claim_has_the_primarys_and_the_exploratory_its_own()
    {
        var register = ThresholdRegister.Parse("2026-12-03\tCx\tp\tclaim\tm\t>\t0\tr\n2026-12-03\tCx\te\tclaim\tm\t>\t0\tr\texploratory\n");
        var b = new RecordBuilder("Cx", register);
        b.Claim("p", [0, 1, 2], [-0.30, -0.31, -0.29]);
        var e = b.Claim("e", [0, 1, 2], [0.30, 0.31, 0.29]);
        Assert.Equal(RegisterEntry.Exploratory, e.Analysis);
        Assert.Equal(RegisterEntry.Primary, b.Checks[0].Analysis);
        Assert.Equal(Verdict.NotRe, b.Verdict());
        Assert.Equal(Verdict.Re, b.ExploratoryVerdict());
        Assert.StartsWith("Not reproduced: p [¬Re]", b.Finding());
        Assert.Null(new RecordBuilder("Cx", register).ExploratoryVerdict());
    }
}
