using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

/// <summary>The planted canary: where it goes, how many images get it, and the check that its corner was blank.</summary>
public sealed class CanaryTests
{
    /// <summary>20 images of 6×6: class k = i % 4, pixel value 0.5 everywhere except a blank 3×3 top-left corner.</summary>
    static Dataset Data()
    {
        var images = new float[20 * 36];
        for (int i = 0; i < 20; i++)
            for (int p = 0; p < 36; p++)
                images[i * 36 + p] = p / 6 < 3 && p % 6 < 3 ? 0 : 0.5f;
        return new Dataset("toy", images, Enumerable.Range(0, 20).Select(i => i % 4).ToArray(), 6, 6, 4);
    }

    static readonly Canary Patch = new(Class: 3, Fraction: 0.4, Row: 0, Column: 0, Size: 3, Value: 1, Seed: 11);

    [Fact]
    public void Given_a_class_of_five_images_When_a_40_percent_canary_is_planted_Then_two_of_them_carry_the_patch_and_nothing_else_changes()
    {
        var data = Data();

        var planted = Patch.Plant(data, out var which);

        Assert.Equal(2, which.Length);
        Assert.All(which, i => Assert.Equal(3, data.Labels[i]));
        var patch = Patch.Pixels(6);
        Assert.Equal([0, 1, 2, 6, 7, 8, 12, 13, 14], patch);
        for (int i = 0; i < data.Count; i++)
            for (int p = 0; p < 36; p++)
                Assert.Equal(which.Contains(i) && patch.Contains(p) ? 1f : data.Images[i * 36 + p], planted.Images[i * 36 + p]);
        Assert.Equal(data.Labels, planted.Labels);
        Assert.NotEqual(data.Name, planted.Name);
        Patch.Plant(data, out var again);
        Assert.Equal(which, again);
    }

    [Fact]
    public void Given_the_blank_corner_When_checked_before_and_after_planting_Then_no_image_touches_it_before_and_the_planted_ones_do_after()
    {
        var data = Data();

        Assert.Equal((0, 0f), Patch.Occupied(data));
        Assert.Equal((2, 1f), Patch.Occupied(Patch.Plant(data, out _)));
        Assert.Equal((20, 0.5f), (Patch with { Row = 3 }).Occupied(data));
    }

    [Fact]
    public void Given_an_image_with_the_patch_When_scored_Then_the_score_is_the_patch_mean_minus_the_image_mean()
    {
        var image = new float[36];
        foreach (var p in Patch.Pixels(6)) image[p] = 1;

        Assert.Equal(1 - 9.0 / 36, Patch.Score(image, 6), 12);
    }

    [Fact]
    public void Given_a_patch_that_does_not_fit_When_planted_Then_it_is_refused() =>
        Assert.Throws<ArgumentException>(() => (Patch with { Row = 4 }).Plant(Data(), out _));
}
