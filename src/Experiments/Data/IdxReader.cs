using System.Buffers.Binary;
using System.IO.Compression;

namespace Repro.Experiments.Data;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed (detected by the magic 0x1f 0x8b).
/// Header integers are big-endian. Every error is an <see cref="InvalidDataException"/> whose message names the file.
/// Nothing is trusted before it is sized: a file is opened only once it is known to be a regular file of at most
/// <see cref="MaxFileBytes"/> (a FIFO, a device or a directory is refused by name, unopened), a header may declare at most
/// <see cref="MaxDataBytes"/>, and gzip is decompressed to exactly the size its header declares, never further.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic of an image file: unsigned bytes, three dimensions (N, rows, cols).</summary>
    public const int ImagesMagic = 0x00000803;
    /// <summary>Magic of a label file: unsigned bytes, one dimension (N).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The most bytes of data a header may declare; MNIST's largest file, 60,000 images of 28×28, holds 47,040,000.</summary>
    public const long MaxDataBytes = 100_000_000;
    /// <summary>The largest file read: <see cref="MaxDataBytes"/> and the longest header (magic and 255 sizes).</summary>
    public const long MaxFileBytes = MaxDataBytes + 4 + 4 * 255;

    /// <summary>True when the bytes start with the gzip magic 0x1f 0x8b.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    /// <summary>The file's content, decompressed when it is gzip. Empty and corrupt-gzip files are errors.</summary>
    public static byte[] ReadDecompressed(string path) => Decompress(ReadFile(path), path);

    /// <summary>
    /// The file's bytes, read only once <see cref="FileProblem"/> finds nothing wrong: a FIFO, a device or a directory
    /// is refused by name without being opened, and so is a file larger than <see cref="MaxFileBytes"/>.
    /// </summary>
    public static byte[] ReadFile(string path)
    {
        if (FileProblem(path) is { } problem) throw new InvalidDataException($"IDX file {path} {problem}.");
        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// Null when <paramref name="path"/> (links followed) is a regular file of 1 to <see cref="MaxFileBytes"/> bytes;
    /// else what is wrong, as the rest of a sentence that starts with the path. Never opens the file: a FIFO would block
    /// and a device would never end. FIFOs and devices report no size, so they are told apart from an empty file by name only.
    /// </summary>
    public static string? FileProblem(string path)
    {
        if (Directory.Exists(path)) return "is a directory, not a file";
        var file = new FileInfo(path);
        if (file.LinkTarget is { } link)
        {
            FileSystemInfo? target;
            try
            {
                target = file.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException e)
            {
                return $"is a link that cannot be followed ({e.Message})";
            }
            if (target is not FileInfo { Exists: true } resolved) return $"is a link to {link}, which does not exist";
            file = resolved;
        }
        if (!file.Exists) return "does not exist";
        long length = file.Length;
        if (length == 0) return "is empty, or not a regular file (a FIFO or a device is not opened)";
        if (length > MaxFileBytes) return $"holds {length} bytes, more than the {MaxFileBytes} of any MNIST-like file";
        return null;
    }

    /// <summary>
    /// Decompresses <paramref name="bytes"/> when they are gzip, else returns them; <paramref name="name"/> is used in errors.
    /// Gzip is read header first: the magic and the dimension sizes say how large the file is, and exactly that much is
    /// decompressed (less comes back as it is, for the parser to call truncated); more is refused, as is a header that
    /// declares more than <see cref="MaxDataBytes"/>, before anything of that size is allocated.
    /// </summary>
    public static byte[] Decompress(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new InvalidDataException($"IDX file {name} is empty.");
        if (!IsGzip(bytes)) return bytes;
        byte[] raw;
        string? refusal;
        try
        {
            using var gz = new GZipStream(new MemoryStream(bytes, writable: false), CompressionMode.Decompress);
            (raw, refusal) = ReadDeclared(gz);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"IDX file {name} is a corrupt gzip file: {e.Message}", e);
        }
        if (refusal is not null) throw new InvalidDataException($"IDX file {name} {refusal}; refused.");
        if (raw.Length == 0) throw new InvalidDataException($"IDX file {name} is empty once decompressed.");
        return raw;
    }

    /// <summary>Bytes per element of an IDX type code (the magic's third byte), or 0 for an unknown code.</summary>
    static int ElementSize(byte type) => type switch
    {
        0x08 or 0x09 => 1,
        0x0B => 2,
        0x0C or 0x0D => 4,
        0x0E => 8,
        _ => 0,
    };

    /// <summary>
    /// The decompressed file, read no further than its header declares (a short file comes back short), or why it is
    /// refused, as the rest of a sentence that starts with its name.
    /// </summary>
    static (byte[] Raw, string? Refusal) ReadDeclared(Stream gz)
    {
        var magic = new byte[4];
        int got = gz.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        if (got < magic.Length) return (magic[..got], null);
        int rank = magic[3], size = ElementSize(magic[2]);
        if (magic[0] != 0 || magic[1] != 0 || size == 0 || rank == 0)
            return ([], $"does not start with an IDX magic number once decompressed (it starts 0x{BinaryPrimitives.ReadInt32BigEndian(magic):x8})");
        int headerLength = 4 + 4 * rank;
        var header = new byte[headerLength];
        magic.CopyTo(header, 0);
        got = magic.Length + gz.ReadAtLeast(header.AsSpan(magic.Length), headerLength - magic.Length, throwOnEndOfStream: false);
        if (got < headerLength) return (header[..got], null);
        var dims = new uint[rank];
        long data = size;
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (data <= MaxDataBytes) data *= dims[d]; // at most 1e8 × 2^32: no overflow in 64 bits
        }
        if (data > MaxDataBytes)
            return ([], $"declares {string.Join("×", dims)} elements of {size} byte(s), more than the {MaxDataBytes} bytes of data of any MNIST-like file");
        var raw = new byte[headerLength + data];
        header.CopyTo(raw, 0);
        got = headerLength + gz.ReadAtLeast(raw.AsSpan(headerLength), (int)data, throwOnEndOfStream: false);
        if (got < raw.Length) return (raw[..got], null);
        if (gz.ReadByte() >= 0)
            return ([], $"decompresses to more than the {raw.Length} bytes its header declares ({string.Join("×", dims)})");
        return (raw, null);
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
            expected *= v; // at most 1e8 × 2^31: no overflow in 64 bits
            if (expected > MaxDataBytes)
                throw new InvalidDataException(
                    $"IDX {kind} file {name} declares more than the {MaxDataBytes} bytes of data of any MNIST-like file; refused.");
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
