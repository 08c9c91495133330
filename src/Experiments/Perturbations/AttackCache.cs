using System.Security.Cryptography;
using Repro.Experiments.Attacks;
using Repro.Results;

namespace Repro.Experiments.Perturbations;

/// <summary>
/// White-box attack results on disk, one file per attack under its <see cref="AttackMemo.Key"/> (which holds the weights, the
/// settings, the seed, the device and the attack code's version), so that a later run, the claims tests after
/// <c>reproduce</c>, or a merge of shards finds them. Each file is verified on read: its key, its format and a SHA-256 of its
/// contents. A damaged, foreign or unreadable file is refused with one line and its attack runs again.
/// </summary>
public sealed class AttackCache(string directory, IProgress<string>? notices = null)
{
    const string Magic = "repro-attack";
    /// <summary>The file format; a file of another format is refused and rewritten.</summary>
    public const int Format = 1;
    /// <summary>The largest file read (a quick run's largest is a few MB).</summary>
    public const long MaxBytes = 1L << 30;

    public string Directory { get; } = directory;

    public string PathOf(string key) => Path.Combine(Directory, key + ".attack");

    /// <summary>The stored results of <paramref name="key"/> for these requests, or null (none, or refused with a notice).</summary>
    public (IReadOnlyList<PerturbationResult> Results, double Seconds)? TryRead(string key, IReadOnlyList<PerturbationRequest> requests)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            return Read(path, key, requests);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            notices?.Report($"{path} {(e is InvalidDataException ? e.Message : $"cannot be read ({e.Message})")}; attacking again.");
            return null;
        }
    }

    /// <summary>Writes the results atomically under <paramref name="key"/>.</summary>
    public void Write(string key, IReadOnlyList<PerturbationResult> results, double seconds)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(results.Count);
            foreach (var r in results)
            {
                WriteFloats(w, r.Image);
                w.Write(r.Examples.Count);
                foreach (var e in r.Examples)
                {
                    w.Write(e.Target);
                    WriteFloats(w, e.Initial);
                    WriteFloats(w, e.Final);
                    w.Write(e.Iterations);
                    w.Write(e.Loss);
                    w.Write(e.TargetConfidence);
                    w.Write(e.PredictedLabel);
                    w.Write((int)e.StoppedBy);
                }
            }
        }
        var payload = body.ToArray();
        AtomicFile.Write(PathOf(key), s =>
        {
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Format);
            w.Write(key);
            w.Write(seconds);
            w.Write(SHA256.HashData(payload));
            w.Write((long)payload.Length);
            w.Write(payload);
        });
    }

    /// <summary>Why the attack file at <paramref name="path"/> does not vouch for itself under the key its name gives; null when it does.</summary>
    public static string? Verify(string path)
    {
        try
        {
            _ = ReadPayload(path, Path.GetFileNameWithoutExtension(path));
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e is InvalidDataException ? e.Message : $"cannot be read ({e.Message})";
        }
    }

    /// <summary>The SHA-256 of a verified attack file's results (not of the seconds it records): two runs of one attack give the same.</summary>
    public static string PayloadSha256(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(ReadPayload(path, Path.GetFileNameWithoutExtension(path)).Payload));

    /// <summary>The results' bytes and the seconds of the attack file at <paramref name="path"/>, its header, key, size and hash checked.</summary>
    static (byte[] Payload, double Seconds) ReadPayload(string path, string key)
    {
        // Sized before it is opened: a FIFO or a device reports no size and is never opened.
        long size = new FileInfo(path).Length;
        if (size == 0) throw new InvalidDataException("is empty, or not a regular file");
        if (size > MaxBytes) throw new InvalidDataException($"is {size} bytes, more than the {MaxBytes} an attack file may have");
        using var r = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8);
        if (r.ReadString() != Magic) throw new InvalidDataException("is not an attack file");
        int format = r.ReadInt32();
        if (format != Format) throw new InvalidDataException($"has format {format}, this program reads {Format}");
        string stored = r.ReadString();
        if (stored != key) throw new InvalidDataException($"holds the attack {Short(stored)}, not {Short(key)} its name says");
        double seconds = r.ReadDouble();
        var sha = r.ReadBytes(32);
        long length = r.ReadInt64();
        if (length < 0 || length > size) throw new InvalidDataException($"says it holds {length} bytes, more than the file");
        var payload = r.ReadBytes((int)length);
        if (payload.Length != length || r.BaseStream.Position != size) throw new InvalidDataException("is truncated or has bytes after its end");
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(sha)) throw new InvalidDataException("failed verification (its SHA-256 does not match its contents: damaged or edited)");
        return (payload, seconds);
    }

    static (IReadOnlyList<PerturbationResult>, double) Read(string path, string key, IReadOnlyList<PerturbationRequest> requests)
    {
        var (payload, seconds) = ReadPayload(path, key);
        using var p = new BinaryReader(new MemoryStream(payload));
        int count = p.ReadInt32();
        if (count != requests.Count) throw new InvalidDataException($"holds {count} results for {requests.Count} requests");
        var results = new List<PerturbationResult>(count);
        foreach (var request in requests)
        {
            var image = ReadFloats(p);
            int n = p.ReadInt32();
            if (n != request.Count) throw new InvalidDataException($"holds {n} examples for request '{request.Label}', which asks for {request.Count}");
            var examples = new List<AdversarialExample>(n);
            for (int i = 0; i < n; i++)
            {
                int target = p.ReadInt32();
                var initial = ReadFloats(p);
                var final = ReadFloats(p);
                var e = new AdversarialExample(target, initial, final, p.ReadInt32(), p.ReadDouble(), p.ReadDouble(), p.ReadInt32(), (StopReason)p.ReadInt32());
                if (target != request.Target || initial.Length != image.Length || final.Length != image.Length || !Enum.IsDefined(e.StoppedBy))
                    throw new InvalidDataException($"holds an example that does not fit request '{request.Label}'");
                examples.Add(e);
            }
            results.Add(new PerturbationResult(request, image, examples));
        }
        if (p.BaseStream.Position != payload.Length) throw new InvalidDataException("has bytes after its last result");
        return (results, seconds);
    }

    static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    static float[] ReadFloats(BinaryReader r)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > 1 << 24) throw new InvalidDataException($"holds an image of {n} pixels");
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = r.ReadSingle();
        return values;
    }

    static string Short(string key) => key.Length > 12 ? key[..12] + "…" : key;
}
