using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

/// <summary>C10's variations of a data set: average pooling and the first K classes, against hand-computed values.</summary>
public sealed class DerivedDatasetsTests
{
    // Two 4×4 images: pixel (y, x) of image n is n·100 + 4y + x; labels 2 and 0 of three classes.
    static Dataset Two() => new("toy", Enumerable.Range(0, 32).Select(i => (float)((i / 16) * 100 + i % 16)).ToArray(), [2, 0], 4, 4, 3);

    [Fact]
    public void Given_4x4_images_When_average_pooled_by_2_Then_each_pixel_is_the_mean_of_its_2x2_block_and_the_labels_are_kept()
    {
        var pooled = DerivedDatasets.AveragePooled(Two(), 2);
        Assert.Equal((2, 2, 3), (pooled.Height, pooled.Width, pooled.ClassCount));
        // Block (0, 0) of image 0 holds 0, 1, 4, 5: mean 2.5; block (1, 1) holds 10, 11, 14, 15: mean 12.5.
        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], pooled.GetImage(0));
        Assert.Equal([102.5f, 104.5f, 110.5f, 112.5f], pooled.GetImage(1));
        Assert.Equal([2, 0], pooled.Labels);
        var two = Two();
        Assert.Same(two, DerivedDatasets.AveragePooled(two, 1));
        Assert.Contains("does not divide", Assert.Throws<ArgumentException>(() => DerivedDatasets.AveragePooled(Two(), 3)).Message);
    }

    [Fact]
    public void Given_three_classes_When_the_first_two_are_kept_Then_the_samples_of_class_2_are_dropped_in_order_and_the_set_has_two_classes()
    {
        var d = new Dataset("toy", Enumerable.Range(0, 4 * 4).Select(i => (float)i).ToArray(), [2, 0, 1, 0], 2, 2, 3);
        var kept = DerivedDatasets.FirstClasses(d, 2);
        Assert.Equal((3, 2), (kept.Count, kept.ClassCount));
        Assert.Equal([0, 1, 0], kept.Labels);
        Assert.Equal(d.GetImage(1), kept.GetImage(0));
        Assert.Equal(d.GetImage(3), kept.GetImage(2));
        Assert.Same(d, DerivedDatasets.FirstClasses(d, 3));
        Assert.Throws<ArgumentException>(() => DerivedDatasets.FirstClasses(d, 1));
        Assert.Throws<ArgumentException>(() => DerivedDatasets.FirstClasses(d, 4));
    }
}
