using System.Text.Json;
using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>Reads and writes result records as JSON under a results folder; writes are atomic.</summary>
public sealed class ResultStore(string directory)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Directory { get; } = directory;

    public string PathOf(string id) => Path.Combine(Directory, id + ".json");

    /// <summary>Writes the record atomically, stamped with the current schema version.</summary>
    public void Write(ClaimResult result)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(PathOf(result.Id), JsonSerializer.Serialize(result with { SchemaVersion = ResultSchema.CurrentVersion }, Json));
    }

    /// <summary>The record of <paramref name="id"/>, or null when there is none.</summary>
    /// <exception cref="InvalidRecordException">The file exists but is not a sound record.</exception>
    public ClaimResult? TryRead(string id)
    {
        var path = PathOf(id);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Reads and validates one record (<see cref="ResultSchema.Problems"/>).</summary>
    /// <exception cref="InvalidRecordException">One line naming the file and what is wrong.</exception>
    public static ClaimResult Read(string path)
    {
        ClaimResult? r;
        try
        {
            r = JsonSerializer.Deserialize<ClaimResult>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidRecordException(path, $"its JSON does not parse ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidRecordException(path, $"it cannot be read ({e.Message})", e);
        }
        if (r is null) throw new InvalidRecordException(path, "it is empty (null)");
        var problems = ResultSchema.Problems(r, path);
        if (problems.Count > 0) throw new InvalidRecordException(path, string.Join("; ", problems));
        return r;
    }

    /// <summary>All sound records in the folder, ordered by id (C1, C2, …); a damaged one throws.</summary>
    public IReadOnlyList<ClaimResult> ReadAll()
    {
        var (valid, invalid) = ReadAllChecked();
        if (invalid.Count > 0) throw invalid[0];
        return valid;
    }

    /// <summary>Every record in the folder: the sound ones, and one error for each file that is not.</summary>
    public (IReadOnlyList<ClaimResult> Valid, IReadOnlyList<InvalidRecordException> Invalid) ReadAllChecked()
    {
        var valid = new List<ClaimResult>();
        var invalid = new List<InvalidRecordException>();
        if (!System.IO.Directory.Exists(Directory)) return (valid, invalid);
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            try { valid.Add(Read(path)); }
            catch (InvalidRecordException e) { invalid.Add(e); }
        }
        return (valid, invalid);
    }
}

/// <summary>
/// Write to a temporary name in the same folder, then rename: readers never see half a file. Temporaries are named
/// <c>.&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c>; those of a process that is gone (killed mid-write) are swept from the
/// folder on the next write into it.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>A fresh temporary path beside <paramref name="path"/>, in the naming <see cref="SweepStale"/> recognises.</summary>
    public static string TemporaryPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    public static void Write(string path, Action<Stream> write)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        System.IO.Directory.CreateDirectory(dir);
        SweepStale(dir);
        var tmp = TemporaryPathFor(path);
        try
        {
            using (var s = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                write(s);
                s.Flush(true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>
    /// Deletes the temporaries in <paramref name="directory"/> left by processes that no longer run (or older than a
    /// day, in case the id was reused); returns the paths removed. Files of other naming are never touched.
    /// </summary>
    public static IReadOnlyList<string> SweepStale(string directory)
    {
        var removed = new List<string>();
        if (!System.IO.Directory.Exists(directory)) return removed;
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            var parts = Path.GetFileName(file).Split('.');
            // "", name parts…, pid, guid, "tmp"
            if (parts.Length < 5 || !int.TryParse(parts[^3], out var pid) || parts[^2].Length != 32 || !parts[^2].All(char.IsAsciiHexDigit))
                continue;
            bool stale = (pid != Environment.ProcessId && !IsRunning(pid))
                         || DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromDays(1);
            if (!stale) continue;
            try
            {
                File.Delete(file);
                removed.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process swept it first, or it is not ours to remove: either way nothing to do.
            }
        }
        return removed;
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
