namespace Repro.Experiments.Data;

/// <summary>A file's SHA-256 (of its decompressed content) is not the catalogue's. An IOException, as InvalidDataException is sealed.</summary>
public sealed class ChecksumMismatchException(string filePath, string expected, string actual, string? advice = null)
    : IOException($"SHA-256 mismatch for {filePath}: expected {expected}, actual {actual}." + (advice is null ? "" : " " + advice))
{
    public string FilePath { get; } = filePath;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
