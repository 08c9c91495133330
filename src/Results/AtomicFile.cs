namespace Repro.Results;

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
        catch (IOException e) when (IsDiskFull(e))
        {
            throw new IOException($"no space left on {dir} (writing {Path.GetFileName(path)}): free some space and rerun; nothing was replaced", e);
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

    /// <summary>A full disk: ENOSPC (28) on Linux and macOS, ERROR_DISK_FULL (112) or ERROR_HANDLE_DISK_FULL (39) on Windows.</summary>
    public static bool IsDiskFull(IOException e) => e.HResult == 28 || (e.HResult & 0xFFFF) is 112 or 39;

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
