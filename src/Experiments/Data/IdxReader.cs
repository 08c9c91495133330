using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro.Experiments.Data;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed (detected by the magic 0x1f 0x8b).
/// Header integers are big-endian. Every error is an <see cref="InvalidDataException"/> whose message names the file.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic of an image file: unsigned bytes, three dimensions (N, rows, cols).</summary>
    public const int ImagesMagic = 0x00000803;
    /// <summary>Magic of a label file: unsigned bytes, one dimension (N).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>True when the bytes start with the gzip magic 0x1f 0x8b.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>The file's content, decompressed when it is gzip. Empty and corrupt-gzip files are errors.</summary>
    public static byte[] ReadDecompressed(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Decompress(bytes, path);
    }

    /// <summary>Decompresses <paramref name="bytes"/> when they are gzip, else returns them; <paramref name="name"/> is used in errors.</summary>
    public static byte[] Decompress(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new InvalidDataException($"IDX file {name} is empty.");
        if (!IsGzip(bytes)) return bytes;
        byte[] raw;
        try
        {
            using var gz = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream(bytes.Length * 4);
            gz.CopyTo(output);
            raw = output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"IDX file {name} is a corrupt gzip file: {e.Message}", e);
        }
        if (raw.Length == 0) throw new InvalidDataException($"IDX file {name} is empty once decompressed.");
        return raw;
    }

    public static IdxImages ReadImages(string path) => ParseImages(ReadDecompressed(path), path);

    public static int[] ReadLabels(string path) => ParseLabels(ReadDecompressed(path), path);

    /// <summary>Parses a decompressed image file; pixels are scaled byte/255f.</summary>
    public static IdxImages ParseImages(ReadOnlySpan<byte> raw, string name)
    {
        var dims = ParseHeader(raw, name, ImagesMagic, "image", 3);
        int n = dims[0], h = dims[1], w = dims[2];
        var payload = raw[16..];
        var pixels = new float[payload.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = payload[i] / 255f;
        return new IdxImages(n, h, w, pixels);
    }

    /// <summary>Parses a decompressed label file.</summary>
    public static int[] ParseLabels(ReadOnlySpan<byte> raw, string name)
    {
        ParseHeader(raw, name, LabelsMagic, "label", 1);
        var payload = raw[8..];
        var labels = new int[payload.Length];
        for (int i = 0; i < labels.Length; i++) labels[i] = payload[i];
        return labels;
    }

    /// <summary>Reads an image file and its label file as one data set; their counts must agree.</summary>
    public static Dataset ReadPair(string imagesPath, string labelsPath, string name, int classCount) =>
        ToDataset(ReadImages(imagesPath), imagesPath, ReadLabels(labelsPath), labelsPath, name, classCount);

    /// <summary>Joins parsed images and labels; a count mismatch is an error naming both files.</summary>
    public static Dataset ToDataset(IdxImages images, string imagesName, int[] labels, string labelsName, string name, int classCount)
    {
        if (images.Count != labels.Length)
            throw new InvalidDataException(
                $"Image file {imagesName} holds {images.Count} images but label file {labelsName} holds {labels.Length} labels.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classCount)
                throw new InvalidDataException($"Label file {labelsName} has label {labels[i]} at index {i}, outside 0..{classCount - 1}.");
        return new Dataset(name, images.Pixels, labels, images.Height, images.Width, classCount);
    }

    /// <summary>Checks magic, dimensions and payload length; returns the dimensions.</summary>
    static int[] ParseHeader(ReadOnlySpan<byte> raw, string name, int expectedMagic, string kind, int rank)
    {
        if (raw.Length == 0) throw new InvalidDataException($"IDX {kind} file {name} is empty.");
        int headerLength = 4 + 4 * rank;
        if (raw.Length < 4)
            throw new InvalidDataException($"IDX {kind} file {name} is truncated: {raw.Length} bytes, too short for the magic number.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(raw);
        if (magic != expectedMagic)
            throw new InvalidDataException(
                $"IDX {kind} file {name} has magic 0x{magic:x8} ({magic}), expected 0x{expectedMagic:x8} ({expectedMagic}).");
        if (raw.Length < headerLength)
            throw new InvalidDataException($"IDX {kind} file {name} is truncated: {raw.Length} bytes, the header alone needs {headerLength}.");
        var dims = new int[rank];
        long expected = 1;
        for (int d = 0; d < rank; d++)
        {
            uint v = BinaryPrimitives.ReadUInt32BigEndian(raw[(4 + 4 * d)..]);
            if (v > int.MaxValue || (d > 0 && v == 0))
                throw new InvalidDataException($"IDX {kind} file {name} has an invalid dimension {d}: {v}.");
            dims[d] = (int)v;
            expected *= v;
            if (expected > Array.MaxLength)
                throw new InvalidDataException($"IDX {kind} file {name} declares more than {Array.MaxLength} bytes of data.");
        }
        long actual = raw.Length - headerLength;
        if (actual < expected)
            throw new InvalidDataException(
                $"IDX {kind} file {name} is truncated: its header declares {string.Join("×", dims)} = {expected} bytes of data, but it holds {actual}.");
        if (actual > expected)
            throw new InvalidDataException(
                $"IDX {kind} file {name} has {actual - expected} bytes more than its header declares ({string.Join("×", dims)} = {expected}).");
        return dims;
    }
}
