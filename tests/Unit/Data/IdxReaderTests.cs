using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    readonly TempFolder _dir = new();
    public void Dispose() => _dir.Dispose();

    string Write(string name, byte[] bytes)
    {
        var path = _dir[name];
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Given_a_raw_image_file_When_read_Then_the_dimensions_come_from_the_header_and_pixels_are_scaled_to_0_1()
    {
        var path = Write("imgs", Idx.Images(2, 3, 4, i => i == 0 ? (byte)255 : (byte)i));

        var images = IdxReader.ReadImages(path);

        Assert.Equal((2, 3, 4), (images.Count, images.Height, images.Width));
        Assert.Equal(24, images.Pixels.Length);
        Assert.Equal(1f, images.Pixels[0]);
        Assert.Equal(5 / 255f, images.Pixels[5]);
        Assert.All(images.Pixels, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Given_gzip_files_When_read_Then_they_give_the_same_values_as_the_raw_files()
    {
        var rawImages = Idx.Images(3, 2, 2);
        var rawLabels = Idx.Labels([7, 0, 9]);

        var fromGzip = IdxReader.ReadPair(Write("i.gz", Idx.Gzip(rawImages)), Write("l.gz", Idx.Gzip(rawLabels)), "gz", 10);
        var fromRaw = IdxReader.ReadPair(Write("i", rawImages), Write("l", rawLabels), "raw", 10);

        Assert.Equal(fromRaw.Images, fromGzip.Images);
        Assert.Equal([7, 0, 9], fromGzip.Labels);
        Assert.Equal(3, fromGzip.Count);
    }

    [Fact]
    public void Given_an_image_file_with_wrong_magic_When_read_Then_the_error_names_the_file_and_both_magics()
    {
        var path = Write("images-with-label-magic", Idx.Images(1, 2, 2, magic: IdxReader.LabelsMagic));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("2049", e.Message);
        Assert.Contains("2051", e.Message);
    }

    [Fact]
    public void Given_a_label_file_with_wrong_magic_When_read_Then_the_error_names_the_file()
    {
        var path = Write("labels-bad-magic", Idx.Labels([1, 2], magic: 0x12345678));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Given_an_image_file_whose_payload_is_shorter_than_the_header_says_When_read_Then_the_error_names_the_file_and_says_truncated()
    {
        var full = Idx.Images(3, 2, 2);
        var path = Write("truncated-images", full[..^1]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("12", e.Message); // declared bytes
        Assert.Contains("11", e.Message); // bytes present
    }

    [Fact]
    public void Given_a_label_file_that_declares_more_labels_than_it_holds_When_read_Then_the_error_names_the_file_and_says_truncated()
    {
        var path = Write("truncated-labels.gz", Idx.Gzip(Idx.Labels([1, 2, 3], declaredCount: 5)));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Given_a_file_cut_inside_its_header_When_read_Then_the_error_names_the_file_and_says_truncated()
    {
        var path = Write("cut-header", Idx.Images(1, 2, 2)[..10]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Given_a_file_with_more_bytes_than_its_header_declares_When_read_Then_the_error_names_the_file()
    {
        var path = Write("trailing", [.. Idx.Labels([1, 2]), 0]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("1 bytes more", e.Message);
    }

    [Fact]
    public void Given_an_empty_file_When_read_Then_the_error_names_the_file_and_says_empty()
    {
        var path = Write("empty", []);

        var images = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        var labels = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains(path, images.Message);
        Assert.Contains("empty", images.Message);
        Assert.Contains(path, labels.Message);
    }

    [Fact]
    public void Given_a_gzip_file_with_corrupt_data_When_read_Then_the_error_names_the_file_and_says_corrupt_gzip()
    {
        var gz = Idx.Gzip(Idx.Images(4, 5, 5));
        for (int i = 10; i < gz.Length - 8; i++) gz[i] ^= 0x5a; // header intact, deflate data scrambled
        var path = Write("corrupt.gz", gz);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt gzip", e.Message);
    }

    [Fact]
    public void Given_a_gzip_file_cut_short_When_read_Then_the_error_names_the_file()
    {
        var gz = Idx.Gzip(Idx.Images(20, 10, 10, i => (byte)(i * 7919 % 251)));
        var path = Write("cut.gz", gz[..(gz.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Given_image_and_label_files_with_different_counts_When_read_as_a_pair_Then_the_error_names_both_files_and_counts()
    {
        var images = Write("three-images", Idx.Images(3, 2, 2));
        var labels = Write("two-labels", Idx.Labels([0, 1]));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadPair(images, labels, "pair", 10));

        Assert.Contains(images, e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains("3 images", e.Message);
        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void Given_a_label_outside_the_class_range_When_read_as_a_pair_Then_the_error_names_the_label_file()
    {
        var images = Write("imgs", Idx.Images(2, 2, 2));
        var labels = Write("labels-with-10", Idx.Labels([3, 10]));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadPair(images, labels, "pair", 10));

        Assert.Contains(labels, e.Message);
        Assert.Contains("10", e.Message);
    }
}
