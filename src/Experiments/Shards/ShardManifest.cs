using System.Security.Cryptography;
using System.Text.Json;
using Repro.Results;

namespace Repro.Experiments.Shards;

/// <summary>
/// What a shard leaves beside its caches (shard.json in its artifacts folder): which shard of which plan it computed, with which
/// science code, and the SHA-256 of every file in its models/ and attacks/ folders. The merge copies only what a manifest of this
/// science code vouches for.
/// </summary>
/// <param name="Plan">The plan's fingerprint (<see cref="RunPlan.Fingerprint"/>): shards of one plan carry the same.</param>
/// <param name="Files">Path relative to the artifacts folder ('/' separated, e.g. "attacks/ab….attack") → SHA-256 of its bytes.</param>
public sealed record ShardManifest(int Format, string Shard, string Plan, string Profile, string ScienceVersion, string Commit, DateTimeOffset Written,
    IReadOnlyList<string> Units, IReadOnlyList<string> Failed, IReadOnlyDictionary<string, string> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "shard.json";

    /// <summary>The folders of an artifacts folder that a shard computes into and the merge copies.</summary>
    public static readonly string[] Folders = ["models", Claims.ClaimContext.AttacksFolder];

    /// <summary>The manifest of <paramref name="artifacts"/> as it stands now: every file of <see cref="Folders"/> hashed.</summary>
    public static ShardManifest Of(string artifacts, Shard shard, string plan, string profile, IEnumerable<string> failed) => new(
        CurrentFormat, shard.Label, plan, profile, Runtime.ScienceVersion.All, Runtime.SourceVersion.GitCommit(), DateTimeOffset.UtcNow,
        shard.Units.Select(u => u.Name).ToList(), failed.ToList(), FilesOf(artifacts).ToDictionary(f => f, f => Sha256(Path.Combine(artifacts, f))));

    /// <summary>The cache files under <paramref name="artifacts"/>, relative and '/' separated, in ordinal order (temporary files left out).</summary>
    public static IEnumerable<string> FilesOf(string artifacts) =>
        Folders.Select(f => Path.Combine(artifacts, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.TopDirectoryOnly))
            .Where(p => !(Path.GetFileName(p).StartsWith('.') && p.EndsWith(".tmp", StringComparison.Ordinal)))
            .Select(p => Path.GetRelativePath(artifacts, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    public void Write(string artifacts) => AtomicFile.WriteAllText(Path.Combine(artifacts, FileName), JsonSerializer.Serialize(this, ResultStore.Json));

    /// <summary>The manifest in <paramref name="artifacts"/>; null when there is none. Throws <see cref="InvalidDataException"/> when it does not read.</summary>
    public static ShardManifest? TryRead(string artifacts)
    {
        var path = Path.Combine(artifacts, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var m = JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), ResultStore.Json)
                    ?? throw new InvalidDataException($"{path} is empty");
            if (m.Format != CurrentFormat) throw new InvalidDataException($"{path} has format {m.Format}, this program reads {CurrentFormat}");
            if (m.Files is null || m.Units is null || m.Failed is null || m.ScienceVersion is null || m.Plan is null || m.Shard is null) throw new InvalidDataException($"{path} lacks its files, units or science version");
            return m;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a shard manifest ({e.Message})", e);
        }
    }
}
