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

    public void Write(ClaimResult result)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(PathOf(result.Id), JsonSerializer.Serialize(result, Json));
    }

    public ClaimResult? TryRead(string id)
    {
        var path = PathOf(id);
        return File.Exists(path) ? Read(path) : null;
    }

    public static ClaimResult Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ClaimResult>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"Result file {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Result file {path} is not a valid result record: {e.Message}", e);
        }
    }

    /// <summary>All records in the folder, ordered by id (C1, C2, …).</summary>
    public IReadOnlyList<ClaimResult> ReadAll() =>
        !System.IO.Directory.Exists(Directory) ? [] :
        System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();
}

/// <summary>Write to a temporary name in the same folder, then rename: readers never see half a file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, s => { using var w = new StreamWriter(s, leaveOpen: true); w.Write(text); });

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    public static void Write(string path, Action<Stream> write)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        System.IO.Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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
}
