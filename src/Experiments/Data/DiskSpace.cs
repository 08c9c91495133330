using Repro.Results;

namespace Repro.Experiments.Data;

/// <summary>Tells a full disk from other failures, in this process (ENOSPC) and in the programs a source runs.</summary>
static class DiskSpace
{
    /// <summary>Free space below which a failed program is taken to have failed for want of space.</summary>
    public const long NearlyFullBytes = 1L << 20;

    /// <summary>The bytes free for an unprivileged user on the disk of <paramref name="path"/> (or of its nearest existing parent).</summary>
    public static long Available(string path)
    {
        try
        {
            var dir = Path.GetFullPath(path);
            while (!Directory.Exists(dir) && Path.GetDirectoryName(dir) is { } parent) dir = parent;
            return new DriveInfo(dir).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return long.MaxValue; // unknown: not taken for full
        }
    }

    /// <summary>ENOSPC (and Windows' disk-full codes), by code, not by message.</summary>
    public static bool IsDiskFull(IOException e) => AtomicFile.IsDiskFull(e);

    /// <summary>
    /// Null unless <paramref name="result"/>, a failed <paramref name="command"/>, failed because a disk is full: the
    /// disk of <paramref name="folder"/> (the store's, where the program worked) has next to nothing free, or the
    /// program said ENOSPC. Then one line that says so, instead of blaming the network or the package.
    /// </summary>
    public static DatasetFetchException? ChildFailure(string what, string command, ProcessResult result, string folder, Func<string, long> available)
    {
        long free = available(folder);
        if (free < NearlyFullBytes)
            return new DatasetFetchException(
                $"{what}: no space left on {folder} ({free} bytes free): `{command}` failed ({result.LastLine}); free some space there and run again.");
        var output = result.StandardError + "\n" + result.StandardOutput;
        if (output.Contains("ENOSPC", StringComparison.Ordinal) || output.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
            return new DatasetFetchException(
                $"{what}: no space left on a disk `{command}` writes to ({result.LastLine}); free some space (on {folder}, or in the program's cache) and run again.");
        return null;
    }
}
