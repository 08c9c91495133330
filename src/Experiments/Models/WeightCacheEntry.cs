using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Repro.Experiments.Models;

/// <summary>
/// The metadata of a weight-cache entry: the SHA-256 of its .weights file, checked before every load, the training report
/// it reproduces, and <see cref="EntrySha256"/>, a SHA-256 that binds the two to the entry's key (<see cref="Seal"/>), so an
/// edited or damaged number is refused instead of printed as measured.
/// </summary>
/// <param name="EntrySha256">The <see cref="Seal"/> of this entry; null in entries written before format 4.</param>
public sealed record WeightCacheEntry(int Format, string WeightsSha256, TrainingReport Report, string? EntrySha256 = null)
{
    /// <summary>Bump when the metadata layout changes; entries of another format are retrained. 3: the report gained the
    /// validation accuracy and loss and the training and validation sample counts. 4: <see cref="EntrySha256"/>.</summary>
    public const int CurrentFormat = 4;

    /// <summary>The metadata that vouches for weights of SHA-256 <paramref name="weightsSha256"/> and their report, under <paramref name="key"/>.</summary>
    public static WeightCacheEntry For(string key, string weightsSha256, TrainingReport report) =>
        new(CurrentFormat, weightsSha256, report, Seal(key, weightsSha256, report));

    /// <summary>
    /// SHA-256 over a canonical text of what an entry vouches for: the format, the key it is stored under (which hashes the
    /// network, training and data specifications and the training code's version), the weights' SHA-256 as recorded, and the
    /// report serialised as JSON with the default options (properties in declaration order, numbers in shortest round-trip form).
    /// </summary>
    /// <remarks>
    /// It detects a number edited by hand or damaged on disk, and an entry copied under another key. It is not a
    /// signature: whoever recomputes it can forge an entry, so the loader also refuses numbers out of range or inconsistent
    /// with the training's specification.
    /// </remarks>
    public static string Seal(string key, string weightsSha256, TrainingReport report)
    {
        var canonical = $"repro weight-cache entry\nformat {CurrentFormat}\nkey {key}\nweights-sha256 {weightsSha256}\nreport {JsonSerializer.Serialize(report)}\n";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
