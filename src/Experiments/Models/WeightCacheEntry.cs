namespace Repro.Experiments.Models;

/// <summary>
/// The metadata of a weight-cache entry: the SHA-256 of its .weights file, checked before every load, and the
/// training report it reproduces.
/// </summary>
public sealed record WeightCacheEntry(int Format, string WeightsSha256, TrainingReport Report)
{
    /// <summary>Bump when the metadata layout changes; entries of another format are retrained. 3: the report gained the
    /// validation accuracy and loss and the training and validation sample counts.</summary>
    public const int CurrentFormat = 3;
}
