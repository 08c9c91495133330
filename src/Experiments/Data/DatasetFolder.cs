namespace Repro.Experiments.Data;

/// <summary>Finds a data set's four files in a folder, raw or .gz.</summary>
static class DatasetFolder
{
    /// <summary>
    /// The four files in <paramref name="dir"/> (raw preferred over .gz), or null when any is missing. Anything by a
    /// file's name counts, a FIFO, a device or a folder too: the reader refuses it by name, it is not taken for absent.
    /// </summary>
    public static Dictionary<DatasetFile, string>? FindFiles(DatasetInfo info, string dir)
    {
        if (!Directory.Exists(dir)) return null;
        var found = new Dictionary<DatasetFile, string>();
        foreach (var f in info.Files)
        {
            if (Find(dir, f) is not { } path) return null;
            found[f] = path;
        }
        return found;
    }

    /// <summary>The path of <paramref name="file"/> in <paramref name="dir"/>, raw or .gz, or null.</summary>
    public static string? Find(string dir, DatasetFile file)
    {
        var raw = Path.Combine(dir, file.FileName);
        var gz = raw + ".gz";
        return Present(raw) ? raw : Present(gz) ? gz : null;
    }

    /// <summary>Whether anything is at <paramref name="path"/> (a broken link too).</summary>
    public static bool Present(string path) => File.Exists(path) || Directory.Exists(path);
}
