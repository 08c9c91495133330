using Repro.Experiments.Analysis;
using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Analysis;

/// <summary>argmax_c r(x, T_c) on four-pixel images, where every r has a closed form.</summary>
public sealed class TemplateClassifierTests
{
    // Templates: class 0 lights the left half, class 1 the right half (r = ±1 with any image that lights one half).
    static readonly float[][] Halves = [[1, 1, 0, 0], [0, 0, 1, 1]];

    static Dataset Images(float[][] images, int[] labels) => new("tiny", images.SelectMany(i => i).ToArray(), labels, 2, 2, 2);

    [Fact]
    public void Given_two_half_templates_When_images_lighting_one_half_are_classified_Then_each_goes_to_its_half_whatever_its_brightness_and_offset()
    {
        // r is blind to scale and offset: 5·left + 2 still correlates +1 with the left template.
        var data = Images([[1, 1, 0, 0], [0, 0, 3, 3], [7, 7, 2, 2], [0.1f, 0.1f, 0.9f, 0.9f]], [0, 1, 0, 1]);

        Assert.Equal([0, 1, 0, 1], TemplateClassifier.Classify(data, Halves));
        Assert.Equal(1.0, TemplateClassifier.Accuracy(data, Halves));
    }

    [Fact]
    public void Given_an_image_between_the_templates_When_classified_Then_the_larger_r_wins()
    {
        // x = (1, 0, 0, 0): r with (1, 1, 0, 0) is 1/√3 ≈ 0.577; with (0, 0, 1, 1) it is −1/√3.
        var data = Images([[1, 0, 0, 0], [0, 0, 0, 1]], [1, 1]);

        Assert.Equal([0, 1], TemplateClassifier.Classify(data, Halves));
        Assert.Equal(0.5, TemplateClassifier.Accuracy(data, Halves));
    }

    [Fact]
    public void Given_a_missing_or_constant_template_or_a_constant_image_When_classified_Then_the_template_never_wins_and_the_image_gets_no_class()
    {
        var data = Images([[1, 1, 0, 0], [2, 2, 2, 2]], [0, 0]);

        Assert.Equal([1, -1], TemplateClassifier.Classify(data, [null, [0, 0, 1, 1]]));
        Assert.Equal([1, -1], TemplateClassifier.Classify(data, [[3, 3, 3, 3], [0, 0, 1, 1]]));
    }
}
