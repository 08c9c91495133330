namespace Repro.Experiments.Data;

/// <summary>One file of a data set and the SHA-256 of its decompressed (raw IDX) content, lower-case hex.</summary>
public sealed record DatasetFile(string FileName, string Sha256);
