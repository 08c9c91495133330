using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;

namespace Repro.Experiments.Shards;

/// <summary>
/// The merge of split runs: every shard's models/ and attacks/ copied into one artifacts folder, after which a plain
/// <c>reproduce</c> finds every unit in the caches. Only what a shard's manifest of this science code vouches for is copied,
/// each file checked against the manifest's SHA-256 and against its own seal; a unit present twice must hold the same
/// science (the same weights and training numbers, the same attack results: the seconds a unit took may differ), or both
/// copies are refused and the merge's <c>reproduce</c> computes that unit again. Each refusal is one line naming the file.
/// Shards of different plans, or a plan's missing shards, are said in one line each (their units are computed by
/// <c>reproduce</c>).
/// </summary>
public static class CacheMerge
{
    /// <summary>What a merge did: files copied, files already there with the same science, units or folders refused.</summary>
    public sealed record Summary(int Copied, int Same, int Refused);

    public static Summary Merge(IReadOnlyList<string> sources, string destination, IProgress<string> notices)
    {
        int copied = 0, same = 0, refused = 0;
        // Units two shards disagree on: refused for the rest of the merge too, so that a third copy does not slip in.
        var conflicted = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<ShardManifest>();
        foreach (var source in sources)
        {
            if (Manifest(source, notices) is not { } manifest)
            {
                refused++;
                continue;
            }
            merged.Add(manifest);
            foreach (var (unit, files) in Units(source, manifest, notices, ref refused))
            {
                if (conflicted.Contains(unit)) continue;
                var froms = files.Select(f => Path.Combine(source, f.Relative)).ToList();
                var tos = files.Select(f => Path.Combine(destination, f.Relative)).ToList();
                if (files.Select((f, i) => Unvouched(froms[i], f.Sha)).FirstOrDefault(p => p is not null) is { } problem)
                {
                    notices.Report($"{problem}: refused; its unit is computed again");
                    refused++;
                    continue;
                }
                if (tos.Any(File.Exists))
                {
                    // What is already there is verified like the shards' files: a damaged or half-copied unit is replaced.
                    if (tos.Select(t => File.Exists(t) ? Unvouched(t, null) : $"{t} is missing beside its unit's other file").FirstOrDefault(p => p is not null) is { } broken)
                        notices.Report($"{broken}: replaced by {string.Join(" and ", froms)}");
                    else if (SameScience(froms, tos) is { } differs)
                    {
                        notices.Report($"{string.Join(" and ", froms)} and {string.Join(" and ", tos)} hold the same unit with different results ({differs}): both refused; the unit is computed again");
                        foreach (var to in tos) File.Delete(to);
                        conflicted.Add(unit);
                        refused++;
                        continue;
                    }
                    else
                    {
                        same += files.Count;
                        continue;
                    }
                }
                for (int i = 0; i < files.Count; i++)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(tos[i])!);
                    var tmp = Results.AtomicFile.TemporaryPathFor(tos[i]);
                    File.Copy(froms[i], tmp);
                    File.Move(tmp, tos[i], overwrite: true);
                    copied++;
                }
            }
        }
        SayWhatIsMissing(merged, notices);
        return new Summary(copied, same, refused);
    }

    /// <summary>The folder's manifest when it is one of this science code; else null, with one line saying why.</summary>
    private static ShardManifest? Manifest(string source, IProgress<string> notices)
    {
        ShardManifest? manifest;
        try { manifest = ShardManifest.TryRead(source); }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            notices.Report($"{e.Message}: nothing of {source} is merged; its units are computed again");
            return null;
        }
        if (manifest is null)
        {
            notices.Report($"{source} has no {ShardManifest.FileName}, so it is not a shard's artifacts folder (write one with 'repro reproduce --shard I/N --out {source}'): nothing of it is merged");
            return null;
        }
        if (manifest.ScienceVersion != Runtime.ScienceVersion.All)
        {
            notices.Report($"{Path.Combine(source, ShardManifest.FileName)} was written by science code version {manifest.ScienceVersion}, this is {Runtime.ScienceVersion.All}: " +
                           "nothing of it is merged; its units are computed again");
            return null;
        }
        return manifest;
    }

    /// <summary>
    /// The manifest's files as units, each a list of (path relative to the folder, SHA-256): an attack is one file, a training
    /// its weights and their entry, the weights first (so that an interrupted merge never leaves an entry without its weights).
    /// A name outside models/ and attacks/ is left out with one line.
    /// </summary>
    private static List<(string Unit, List<(string Relative, string Sha)> Files)> Units(string source, ShardManifest manifest, IProgress<string> notices, ref int refused)
    {
        var units = new Dictionary<string, List<(string Relative, string Sha)>>(StringComparer.Ordinal);
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
            string unit = parts[0] + "/" + Path.GetFileNameWithoutExtension(parts[1]);
            if (!units.TryGetValue(unit, out var files)) units[unit] = files = [];
            files.Add((relative, sha));
        }
        return units.OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => (u.Key, u.Value.OrderBy(f => f.Relative.EndsWith(".weights", StringComparison.Ordinal) ? 0 : 1).ToList())).ToList();
    }

    /// <summary>Shards of other plans than the first's, and a plan's shards that are not there: one line each.</summary>
    private static void SayWhatIsMissing(IReadOnlyList<ShardManifest> manifests, IProgress<string> notices)
    {
        if (manifests.Count == 0) return;
        var plans = manifests.GroupBy(m => m.Plan).ToList();
        if (plans.Count > 1)
            notices.Report($"the shards come from {plans.Count} different plans ({string.Join("; ", plans.Select(p => $"plan {p.Key}: shards {string.Join(", ", p.Select(m => m.Shard))}"))}): " +
                           "their units are merged all the same, and reproduce computes whatever none of them holds");
        foreach (var plan in plans)
        {
            var labels = plan.Select(m => m.Shard).ToHashSet(StringComparer.Ordinal);
            if (!int.TryParse(plan.First().Shard.Split('/')[^1], out int count)) continue;
            var missing = Enumerable.Range(1, count).Select(i => $"{i}/{count}").Where(l => !labels.Contains(l)).ToList();
            if (missing.Count > 0)
                notices.Report($"shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} of plan {plan.Key} {(missing.Count == 1 ? "is" : "are")} not among the merged folders: reproduce computes {(missing.Count == 1 ? "its" : "their")} units");
        }
    }

    /// <summary>
    /// Why a file is not what its shard vouched for (null: it is), naming it: missing, not a regular file, changed since it was listed
    /// (<paramref name="sha"/>; null: not compared), or failing its own seal.
    /// </summary>
    private static string? Unvouched(string path, string? sha)
    {
        try
        {
            // Sized before it is opened: a FIFO or a device reports no size and is never opened.
            var info = new FileInfo(path);
            if (!info.Exists) return $"{path} is missing, though shard.json lists it";
            if (info.Length == 0) return $"{path} is empty, or not a regular file";
            if (sha is not null && ShardManifest.Sha256(path) != sha) return $"{path} is not the file its shard wrote (its SHA-256 differs from shard.json's)";
            return Problem(path) is { } problem ? $"{path} {problem}" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read ({e.Message})";
        }
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException or NotSupportedException)
        {
            return $"does not read ({e.Message})";
        }
    }

    private static (WeightCacheEntry Entry, string Key) Entry(string json) =>
        (JsonSerializer.Deserialize<WeightCacheEntry>(File.ReadAllText(json)) ?? throw new InvalidDataException("an empty entry"), Path.GetFileNameWithoutExtension(json));

    /// <summary>Null when two copies of one unit (an attack file, or a training's weights and entry) hold the same science; else what differs.</summary>
    private static string? SameScience(IReadOnlyList<string> ours, IReadOnlyList<string> theirs)
    {
        try
        {
            for (int i = 0; i < ours.Count; i++)
            {
                string a = ours[i], b = theirs[i];
                string? differs = Path.GetExtension(a) switch
                {
                    ".attack" => AttackCache.PayloadSha256(a) == AttackCache.PayloadSha256(b) ? null : "other attack results",
                    ".weights" => ShardManifest.Sha256(a) == ShardManifest.Sha256(b) ? null : "other weights",
                    _ => JsonNode.DeepEquals(WithoutTiming(a), WithoutTiming(b)) ? null : "other training numbers",
                };
                if (differs is not null) return differs;
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
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
}
