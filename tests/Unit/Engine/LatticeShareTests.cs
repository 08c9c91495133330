using Repro.Experiments.Analysis;
using Repro.Experiments.Perturbations;
using static Repro.Unit.Tests.Engine.EngineKit;

namespace Repro.Unit.Tests.Engine;

/// <summary>The lattice share of the sensitivity study's max-pool probe, and the zero-feed jitter it is compared with.</summary>
public sealed class LatticeShareTests
{
    [Fact]
    public void Given_a_constant_image_When_its_lattice_share_is_taken_Then_each_phase_holds_a_quarter()
    {
        var image = Enumerable.Repeat(0.7f, 28 * 28).ToArray();
        Assert.Equal(0.25, LatticeShare.Of(image, 28, 28), 12);
    }

    [Fact]
    public void Given_an_image_on_every_other_row_and_column_When_its_lattice_share_is_taken_Then_it_is_one()
    {
        var image = new float[6 * 6];
        for (int i = 0; i < 6; i += 2) for (int j = 0; j < 6; j += 2) image[i * 6 + j] = i + j + 1;
        Assert.Equal(1.0, LatticeShare.Of(image, 6, 6), 12);
    }

    [Fact]
    public void Given_two_phases_with_energies_3_and_1_When_its_lattice_share_is_taken_Then_it_is_three_quarters()
    {
        var image = new float[4 * 4];
        image[0] = (float)Math.Sqrt(3); // phase (0, 0)
        image[1] = 1;                   // phase (0, 1)
        double share = LatticeShare.Of(image, 4, 4);
        Assert.True(Math.Abs(share - 0.75) < 1e-6, $"share {share:R}, expected 0.75 (difference {share - 0.75:E2})");
    }

    [Fact]
    public void Given_an_all_zero_image_When_its_lattice_share_is_taken_Then_it_is_NaN() =>
        Assert.True(double.IsNaN(LatticeShare.Of(new float[16], 4, 4)));

    [Fact]
    public void Given_no_jitter_When_zero_feed_runs_Then_it_starts_at_exact_zeros_and_later_noise_is_unchanged()
    {
        using var model = Linear();
        var attack = Attack(model, stop: Repro.Experiments.Attacks.StopCondition.Iterations(1));
        PerturbationRequest[] requests = [new("zero", Feed.Zero, 1), new("noise", Feed.Noise, 2)];
        var plain = new PerturbationRunner(attack, Side, Side, 0.3).Run(requests, 7);
        var noZeroJitter = new PerturbationRunner(attack, Side, Side, 0.3, zeroFeedJitter: 0).Run(requests, 7);
        Assert.All(plain[0].Examples[0].Initial, v => Assert.Equal(0f, v));
        Assert.Equal(plain[1].Examples[0].Initial, noZeroJitter[1].Examples[0].Initial);
    }

    [Fact]
    public void Given_a_jitter_of_one_thousandth_When_zero_feed_runs_Then_it_starts_from_noise_of_that_scale_and_its_AP_is_the_step()
    {
        using var model = Linear();
        var attack = Attack(model, stop: Repro.Experiments.Attacks.StopCondition.Iterations(1));
        var result = new PerturbationRunner(attack, Side, Side, 0.3, zeroFeedJitter: 1e-3).Run([new PerturbationRequest("zero", Feed.Zero, 1)], 7)[0];
        var initial = result.Examples[0].Initial;
        double sd = Math.Sqrt(initial.Average(v => (double)v * v));
        Assert.True(sd is > 3e-4 and < 3e-3, $"the jitter's root mean square is {sd:E2}, expected about 1e-3");
        var step = result.Examples[0].Final.Select((f, i) => f - initial[i]).ToArray();
        Assert.Equal(step, result.Image);
    }

    [Fact]
    public void Given_a_jittered_zero_feed_before_a_noise_feed_When_both_run_Then_the_noise_is_the_same_as_without_the_jitter()
    {
        using var model = Linear();
        var attack = Attack(model, stop: Repro.Experiments.Attacks.StopCondition.Iterations(1));
        PerturbationRequest[] requests = [new("zero", Feed.Zero, 1), new("noise", Feed.Noise, 2)];
        var exact = new PerturbationRunner(attack, Side, Side, 0.3).Run(requests, 7);
        var jittered = new PerturbationRunner(attack, Side, Side, 0.3, zeroFeedJitter: 1e-3).Run(requests, 7);
        Assert.Equal(exact[1].Examples[0].Initial, jittered[1].Examples[0].Initial);
        Assert.NotEqual(exact[0].Examples[0].Initial, jittered[0].Examples[0].Initial);
    }
}
