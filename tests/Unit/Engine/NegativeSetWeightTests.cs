using Repro.Experiments.Analysis;

namespace Repro.Unit.Tests.Engine;

/// <summary>The negative set's weight in an AP (§4.2's "equally relies"), against templates whose answer is known.</summary>
public sealed class NegativeSetWeightTests
{
    static readonly double[] Positive = Enumerable.Range(0, 64).Select(i => Math.Abs(Math.Sin(i * 0.37))).ToArray();
    static readonly double[] Negative = Enumerable.Range(0, 64).Select(i => Math.Abs(Math.Cos(i * 0.53 + 1))).ToArray();

    [Fact]
    public void Given_an_AP_that_is_the_PNC_When_fitted_Then_b_over_a_is_minus_one_and_the_fit_is_exact()
    {
        var ap = Positive.Zip(Negative, (p, n) => (float)(3 * (p - n) + 0.2)).ToArray();
        var w = NegativeSetWeight.Of(ap, Positive, Negative);
        Assert.True(Math.Abs(w.B / w.A + 1) < 1e-5, $"b/a = {w.B / w.A:R}, the PNC's own ratio is −1");
        Assert.True(w.R2 > 1 - 1e-9, $"R² {w.R2:R}");
        Assert.True(w.AddedR2 > 0, $"the negative term adds {w.AddedR2:R}");
    }

    [Fact]
    public void Given_an_AP_that_is_the_class_mean_When_fitted_Then_b_is_zero_and_adds_nothing()
    {
        var ap = Positive.Select(p => (float)(2 * p - 1)).ToArray();
        var w = NegativeSetWeight.Of(ap, Positive, Negative);
        Assert.True(Math.Abs(w.B) < 1e-5 && Math.Abs(w.AddedR2) < 1e-9, $"b = {w.B:R}, added R² = {w.AddedR2:R}");
    }

    [Fact]
    public void Given_a_constant_AP_When_fitted_Then_there_is_nothing_to_fit_and_the_class_is_left_out_of_the_summary()
    {
        var w = NegativeSetWeight.Of(new float[64], Positive, Negative);
        Assert.True(double.IsNaN(w.A));
        var ap = Positive.Zip(Negative, (p, n) => (float)(p - n)).ToArray();
        var (_, _, ratio, _) = NegativeSetWeight.Summary([w, NegativeSetWeight.Of(ap, Positive, Negative)]);
        Assert.True(Math.Abs(ratio + 1) < 1e-5, $"ratio {ratio:R}");
    }
}
