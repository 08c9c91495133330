namespace Repro.Experiments.Data;

/// <summary>Finds a data set's four files in a folder, raw or .gz.</summary>
static class DatasetFolder
{
    /// <summary>The four files in <paramref name="dir"/> (raw preferred over .gz), or null when any is missing.</summary>
    public static Dictionary<DatasetFile, string>? FindFiles(DatasetInfo info, string dir)
    {
        if (!Directory.Exists(dir)) return null;
        var found = new Dictionary<DatasetFile, string>();
        foreach (var f in info.Files)
        {
            var raw = Path.Combine(dir, f.FileName);
            var gz = raw + ".gz";
            if (File.Exists(raw)) found[f] = raw;
            else if (File.Exists(gz)) found[f] = gz;
            else return null;
        }
        return found;
    }
}
