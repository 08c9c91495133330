using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;

namespace Repro.Experiments.Shards;

/// <summary>
/// The merge of split runs: every shard's models/ and attacks/ copied into one artifacts folder, after which a plain
/// <c>reproduce</c> finds every unit in the caches. Only what a shard's manifest of this science code vouches for is copied,
/// each file checked against the manifest's SHA-256 and against its own seal; a file present twice must hold the same
/// science (the same weights and training numbers, the same attack results: the seconds a unit took may differ), or both
/// copies are refused and the merge's <c>reproduce</c> computes that unit again. Each refusal is one line naming the file.
/// </summary>
public static class CacheMerge
{
    /// <summary>What a merge did: files copied, files already there with the same science, files refused.</summary>
    public sealed record Summary(int Copied, int Same, int Refused);

    public static Summary Merge(IReadOnlyList<string> sources, string destination, IProgress<string> notices)
    {
        int copied = 0, same = 0, refused = 0;
        foreach (var source in sources)
        {
            ShardManifest? manifest;
            try { manifest = ShardManifest.TryRead(source); }
            catch (InvalidDataException e)
            {
                notices.Report($"{e.Message}: nothing of {source} is merged; its units are computed again");
                refused++;
                continue;
            }
            if (manifest is null)
            {
                notices.Report($"{source} has no {ShardManifest.FileName}, so it is not a shard's artifacts folder (write one with 'repro reproduce --shard I/N --out {source}'): nothing of it is merged");
                refused++;
                continue;
            }
            if (manifest.ScienceVersion != Runtime.ScienceVersion.All)
            {
                notices.Report($"{Path.Combine(source, ShardManifest.FileName)} was written by science code version {manifest.ScienceVersion}, this is {Runtime.ScienceVersion.All}: " +
                               "nothing of it is merged; its units are computed again");
                refused++;
                continue;
            }
            foreach (var (relative, sha) in manifest.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                // A manifest names files under models/ and attacks/ only, by plain names: nothing it says can reach elsewhere.
                var parts = relative.Split('/');
                if (parts.Length != 2 || !ShardManifest.Folders.Contains(parts[0]) || parts[1] is "" or "." or ".." || parts[1].IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                {
                    notices.Report($"{Path.Combine(source, ShardManifest.FileName)} names '{relative}', which is no cache file: left out");
                    refused++;
                    continue;
                }
                string from = Path.Combine(source, parts[0], parts[1]), to = Path.Combine(destination, parts[0], parts[1]);
                if (!File.Exists(from) || ShardManifest.Sha256(from) != sha)
                {
                    notices.Report($"{from} {(File.Exists(from) ? "is not the file its shard wrote (its SHA-256 differs from shard.json's)" : "is missing, though shard.json lists it")}: refused; its unit is computed again");
                    refused++;
                    continue;
                }
                if (Problem(from) is { } problem)
                {
                    notices.Report($"{from} {problem}: refused; its unit is computed again");
                    refused++;
                    continue;
                }
                if (File.Exists(to))
                {
                    if (SameScience(from, to) is { } differs)
                    {
                        notices.Report($"{from} and {to} hold the same unit with different results ({differs}): both refused; the unit is computed again");
                        Remove(to);
                        refused++;
                    }
                    else same++;
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                var tmp = Results.AtomicFile.TemporaryPathFor(to);
                File.Copy(from, tmp);
                File.Move(tmp, to);
                copied++;
            }
        }
        return new Summary(copied, same, refused);
    }

    /// <summary>Why the file does not vouch for itself (null when it does): an attack whose payload fails its hash, weights whose entry fails its seal.</summary>
    private static string? Problem(string path)
    {
        try
        {
            return Path.GetExtension(path) switch
            {
                ".attack" => AttackCache.Verify(path),
                ".json" => Entry(path) is var (entry, key) && WeightCacheEntry.Seal(key, entry.WeightsSha256, entry.Report) != entry.EntrySha256
                    ? "fails its seal (an edited or damaged training report)"
                    : null,
                ".weights" => File.Exists(Path.ChangeExtension(path, ".json")) && Entry(Path.ChangeExtension(path, ".json")).Entry.WeightsSha256 != ShardManifest.Sha256(path)
                    ? "is not the weights its entry vouches for"
                    : null,
                _ => "is no cache file",
            };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or NotSupportedException)
        {
            return $"does not read ({e.Message})";
        }
    }

    private static (WeightCacheEntry Entry, string Key) Entry(string json) =>
        (JsonSerializer.Deserialize<WeightCacheEntry>(File.ReadAllText(json)) ?? throw new InvalidDataException("an empty entry"), Path.GetFileNameWithoutExtension(json));

    /// <summary>Null when two copies of one unit hold the same science; else what differs.</summary>
    private static string? SameScience(string a, string b)
    {
        try
        {
            return Path.GetExtension(a) switch
            {
                ".attack" => AttackCache.PayloadSha256(a) == AttackCache.PayloadSha256(b) ? null : "other attack results",
                ".weights" => ShardManifest.Sha256(a) == ShardManifest.Sha256(b) ? null : "other weights",
                _ => JsonNode.DeepEquals(WithoutTiming(a), WithoutTiming(b)) ? null : "other training numbers",
            };
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            return $"one does not read: {e.Message}";
        }
    }

    /// <summary>A weight entry's report without what a second training of the same network changes: its seconds, and so its seal.</summary>
    private static JsonNode? WithoutTiming(string json)
    {
        var node = JsonNode.Parse(File.ReadAllText(json));
        if (node?["Report"] is JsonObject report) report.Remove("Seconds");
        (node as JsonObject)?.Remove("EntrySha256");
        return node;
    }

    /// <summary>Removes a refused file, and with weights their entry (and the other way round), so the unit is trained again.</summary>
    private static void Remove(string path)
    {
        File.Delete(path);
        if (Path.GetExtension(path) is ".json" or ".weights")
        {
            var other = Path.ChangeExtension(path, Path.GetExtension(path) == ".json" ? ".weights" : ".json");
            if (File.Exists(other)) File.Delete(other);
        }
    }
}
