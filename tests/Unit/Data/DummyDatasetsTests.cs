using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

public sealed class DummyDatasetsTests
{
    static float[] Grid(params string[] rows) => [.. rows.SelectMany(r => r.Replace(" ", "")).Select(c => c == '1' ? 1f : 0f)];

    [Fact]
    public void Given_the_defaults_When_building_the_tiling_set_Then_four_3x3_squares_tile_the_6x6_image()
    {
        var d = DummyDatasets.Tiling();

        Assert.Equal((4, 6, 6, 4), (d.Count, d.Height, d.Width, d.ClassCount));
        Assert.Equal([0, 1, 2, 3], d.Labels);
        Assert.Equal(Grid(
            "1 1 1 0 0 0",
            "1 1 1 0 0 0",
            "1 1 1 0 0 0",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0"), d.GetImage(0));
        Assert.Equal(Grid(
            "0 0 0 1 1 1",
            "0 0 0 1 1 1",
            "0 0 0 1 1 1",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0"), d.GetImage(1));
        Assert.Equal(Grid(
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "1 1 1 0 0 0",
            "1 1 1 0 0 0",
            "1 1 1 0 0 0"), d.GetImage(2));
        Assert.Equal(Grid(
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "0 0 0 1 1 1",
            "0 0 0 1 1 1",
            "0 0 0 1 1 1"), d.GetImage(3));
    }

    [Fact]
    public void Given_the_tiling_set_When_adding_its_four_images_Then_every_pixel_is_covered_exactly_once()
    {
        var d = DummyDatasets.Tiling();

        var sum = new float[36];
        for (int c = 0; c < 4; c++)
            for (int p = 0; p < 36; p++) sum[p] += d.GetImage(c)[p];

        Assert.All(sum, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Given_the_defaults_When_building_the_overlapping_set_Then_four_4x4_squares_overlap_in_the_middle()
    {
        var d = DummyDatasets.Overlapping();

        Assert.Equal((4, 6, 6, 4), (d.Count, d.Height, d.Width, d.ClassCount));
        Assert.Equal([0, 1, 2, 3], d.Labels);
        Assert.Equal(Grid(
            "1 1 1 1 0 0",
            "1 1 1 1 0 0",
            "1 1 1 1 0 0",
            "1 1 1 1 0 0",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0"), d.GetImage(0));
        Assert.Equal(Grid(
            "0 0 1 1 1 1",
            "0 0 1 1 1 1",
            "0 0 1 1 1 1",
            "0 0 1 1 1 1",
            "0 0 0 0 0 0",
            "0 0 0 0 0 0"), d.GetImage(1));
        Assert.Equal(Grid(
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "1 1 1 1 0 0",
            "1 1 1 1 0 0",
            "1 1 1 1 0 0",
            "1 1 1 1 0 0"), d.GetImage(2));
        Assert.Equal(Grid(
            "0 0 0 0 0 0",
            "0 0 0 0 0 0",
            "0 0 1 1 1 1",
            "0 0 1 1 1 1",
            "0 0 1 1 1 1",
            "0 0 1 1 1 1"), d.GetImage(3));
    }

    [Theory]
    [InlineData(6, 0)]
    [InlineData(6, 7)]
    [InlineData(0, 1)]
    public void Given_a_patch_outside_1_to_size_When_building_either_set_Then_it_throws_naming_the_range(int size, int patch)
    {
        var tiling = Assert.Throws<ArgumentOutOfRangeException>(() => DummyDatasets.Tiling(size, patch));
        var overlapping = Assert.Throws<ArgumentOutOfRangeException>(() => DummyDatasets.Overlapping(size, patch));

        Assert.Contains("must be", tiling.Message);
        Assert.Contains("must be", overlapping.Message);
    }

    [Fact]
    public void Given_squares_that_would_overlap_When_building_the_tiling_set_Then_it_throws_and_vice_versa()
    {
        Assert.Contains("overlap", Assert.Throws<ArgumentOutOfRangeException>(() => DummyDatasets.Tiling(6, 4)).Message);
        Assert.Contains("do not overlap", Assert.Throws<ArgumentOutOfRangeException>(() => DummyDatasets.Overlapping(6, 3)).Message);
    }

    [Fact]
    public void Given_other_valid_sizes_When_building_Then_squares_sit_in_the_corners()
    {
        var t = DummyDatasets.Tiling(5, 2);
        var o = DummyDatasets.Overlapping(3, 2);

        Assert.Equal(Grid("0 0 0 0 0", "0 0 0 0 0", "0 0 0 0 0", "0 0 0 1 1", "0 0 0 1 1"), t.GetImage(3));
        Assert.Equal(Grid("0 1 1", "0 1 1", "0 0 0"), o.GetImage(1));
    }
}
