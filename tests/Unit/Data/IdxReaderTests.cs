using System.IO.Compression;
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

    /// <summary>A gzip member of <paramref name="raw"/> followed by <paramref name="zeros"/> zero bytes, streamed: the bomb is never in memory.</summary>
    static byte[] GzipWithTrailingZeros(byte[] raw, long zeros)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
            var chunk = new byte[1 << 20];
            for (long left = zeros; left > 0; left -= chunk.Length) gz.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
        return ms.ToArray();
    }

    [Fact]
    public void Given_a_gzip_bomb_whose_header_declares_a_small_file_When_read_Then_decompression_stops_at_the_declared_size_and_the_error_names_the_file()
    {
        var labels = Idx.Labels([.. Enumerable.Range(0, 1000).Select(i => i % 10)]);
        var path = Write("bomb.gz", GzipWithTrailingZeros(labels, 64L << 20)); // 64 MB of zeros behind a 1,008-byte label file

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"IDX file {path} decompresses to more than the 1008 bytes its header declares (1000); refused.", e.Message);
        Assert.True(allocated < 16 << 20, $"{allocated} bytes allocated for a 1,008-byte file");
    }

    [Fact]
    public void Given_a_gzip_file_whose_header_declares_gigabytes_When_read_Then_it_is_refused_by_name_before_anything_that_large_is_allocated()
    {
        var header = Idx.Images(0, 100, 100, declaredCount: 1_000_000); // 10^10 bytes declared, none present
        var path = Write("huge-header.gz", Idx.Gzip(header));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"IDX file {path} declares 1000000×100×100 elements of 1 byte(s), more than the 100000000 bytes of data " +
                     "of any MNIST-like file; refused.", e.Message);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Given_a_raw_file_whose_header_declares_more_than_any_MNIST_like_file_When_read_Then_the_error_names_the_file_and_the_bound()
    {
        var path = Write("huge-raw", Idx.Labels([1, 2], declaredCount: 2_000_000_000));

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Equal($"IDX label file {path} declares more than the 100000000 bytes of data of any MNIST-like file; refused.", e.Message);
    }

    [Fact]
    public async Task Given_a_FIFO_as_an_IDX_file_When_read_Then_it_is_refused_by_name_without_being_opened()
    {
        var path = _dir["fifo"];
        SpecialFiles.MakeFifo(path);

        var e = await SpecialFiles.WithinSeconds(10, () => Task.FromResult(Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path))));

        Assert.Equal($"IDX file {path} is empty, or not a regular file (a FIFO or a device is not opened).", e.Message);
    }

    [Fact]
    public void Given_a_link_to_dev_zero_as_an_IDX_file_When_read_Then_it_is_refused_by_name_not_read_until_memory_runs_out()
    {
        var path = _dir["zero.gz"];
        SpecialFiles.LinkToDevZero(path);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Equal($"IDX file {path} is empty, or not a regular file (a FIFO or a device is not opened).", e.Message);
    }

    [Fact]
    public void Given_a_directory_or_a_dangling_link_as_an_IDX_file_When_read_Then_each_is_refused_by_name()
    {
        var dir = Directory.CreateDirectory(_dir["a-folder"]).FullName;
        var dangling = _dir["dangling"];
        File.CreateSymbolicLink(dangling, _dir["nowhere"]);

        var isDir = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(dir));
        var isDangling = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(dangling));

        Assert.Equal($"IDX file {dir} is a directory, not a file.", isDir.Message);
        Assert.Equal($"IDX file {dangling} is a link to {_dir["nowhere"]}, which does not exist.", isDangling.Message);
    }
}
