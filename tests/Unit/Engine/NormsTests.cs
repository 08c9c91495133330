using Repro.Experiments.Analysis;

namespace Repro.Unit.Tests.Engine;

/// <summary>The image norms C4a and C10 share, against hand-computed values.</summary>
public sealed class NormsTests
{
    [Fact]
    public void Given_a_3_4_image_When_its_norms_are_taken_Then_its_length_is_5_and_its_distance_to_itself_0()
    {
        float[] x = [3f, 0f, 4f], y = [0f, 0f, 0f];
        Assert.Equal(5.0, Norms.L2(x));
        Assert.Equal(5.0, Norms.L2Distance(x, y));
        Assert.Equal(0.0, Norms.L2Distance(x, x));
        Assert.Throws<ArgumentException>(() => Norms.L2Distance(x, [1f]));
    }
}
