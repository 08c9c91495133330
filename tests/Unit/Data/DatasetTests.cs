using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

public sealed class DatasetTests
{
    static Dataset Three() => new("three", [.. Enumerable.Range(0, 12).Select(i => i / 12f)], [0, 1, 2], 2, 2, 3);

    [Fact]
    public void Given_valid_arrays_When_constructed_Then_count_is_the_number_of_labels()
    {
        var d = Three();

        Assert.Equal(3, d.Count);
        Assert.Equal(4, d.PixelCount);
    }

    [Fact]
    public void Given_an_index_When_getting_an_image_Then_it_is_a_copy_of_that_image()
    {
        var d = Three();

        var image = d.GetImage(1);
        image[0] = 99;

        Assert.Equal([99, 5 / 12f, 6 / 12f, 7 / 12f], image);
        Assert.Equal(4 / 12f, d.Images[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.GetImage(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.GetImage(-1));
    }

    [Fact]
    public void Given_images_whose_length_is_not_count_times_height_times_width_When_constructed_Then_it_throws_naming_the_dataset()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset("short", new float[11], [0, 1, 2], 2, 2, 3));

        Assert.Contains("short", e.Message);
        Assert.Contains("12", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Given_a_label_outside_0_to_class_count_When_constructed_Then_it_throws(int label)
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset("bad", new float[8], [0, label], 2, 2, 3));

        Assert.Contains($"label {label}", e.Message);
    }

    [Fact]
    public void Given_indices_When_taking_a_subset_Then_images_and_labels_follow_them()
    {
        var d = Three();

        var s = d.Subset([2, 0]);
        var t = d.Take(10);

        Assert.Equal([2, 0], s.Labels);
        Assert.Equal(d.GetImage(2), s.GetImage(0));
        Assert.Equal(d.GetImage(0), s.GetImage(1));
        Assert.Equal(3, t.Count);
    }
}
