using System.Collections.Concurrent;

namespace Repro.Experiments.Data;

/// <summary>
/// The data directory the user names (<c>--data-dir</c> / <c>REPRO_DATA_DIR</c>): a data set's four files, raw or .gz,
/// in its <c>&lt;FolderName&gt;/</c> subfolder or at its top. The user named it, so it is never bypassed silently:
/// <see cref="Check"/> runs on every fetch, even when the store already holds verified data; an unreadable directory or
/// a bad file is refused, a directory without the data set gets one warning line and the other sources are used.
/// </summary>
public sealed class UserDirectorySource : IDatasetSource
{
    /// <summary>How messages name the setting.</summary>
    public static readonly string Setting = $"--data-dir / {DatasetStoreOptions.DataDirectoryVariable}";

    readonly DatasetCatalog _catalog;
    readonly Action<string> _report;
    readonly Action<string> _warn;
    readonly ConcurrentDictionary<DatasetId, Found?> _checked = new();

    sealed record Found(Dictionary<DatasetFile, string> Files, string Folder);

    /// <param name="directory">The data directory, a full path.</param>
    /// <param name="catalog">The data sets, to tell one's files from another's (they share file names).</param>
    /// <param name="report">Status lines.</param>
    /// <param name="warn">Lines the user must see: the directory was not used, and why.</param>
    public UserDirectorySource(string directory, DatasetCatalog catalog, Action<string> report, Action<string> warn)
    {
        Directory = directory;
        _catalog = catalog;
        _report = report;
        _warn = warn;
    }

    /// <summary>The data directory.</summary>
    public string Directory { get; }

    public DatasetSource Kind => DatasetSource.UserDirectory;

    /// <summary>Whether <see cref="Check"/> has run for <paramref name="id"/> (whatever it found).</summary>
    public bool HasChecked(DatasetId id) => _checked.ContainsKey(id);

    /// <summary>Whether the last <see cref="Check"/> of <paramref name="info"/> found its four files, verified.</summary>
    public bool CanProvide(DatasetInfo info) => _checked.TryGetValue(info.Id, out var found) && found is not null;

    /// <summary>
    /// Looks for <paramref name="info"/>'s four files and verifies them. Returns false, after one warning line, when the
    /// directory does not hold the data set; throws when the directory cannot be read or holds a bad file.
    /// </summary>
    /// <exception cref="DatasetFetchException">The directory does not exist or cannot be read, or a file cannot be read.</exception>
    /// <exception cref="ChecksumMismatchException">A file is not the catalogue's.</exception>
    public bool Check(DatasetInfo info)
    {
        if (!System.IO.Directory.Exists(Directory))
            throw new DatasetFetchException($"The data directory {Directory} ({Setting}) does not exist; create it, or drop the setting.");
        bool empty;
        try
        {
            empty = !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DatasetFetchException($"The data directory {Directory} ({Setting}) cannot be read ({e.Message}); fix its permissions, or drop the setting.", e);
        }
        Found? found = null;
        var sub = Path.Combine(Directory, info.FolderName);
        if (DatasetFolder.FindFiles(info, sub) is { } inSub) found = new(inSub, sub);
        else if (DatasetFolder.FindFiles(info, Directory) is { } inRoot && BelongsHere(info, inRoot.First())) found = new(inRoot, Directory);
        if (found is null)
        {
            _warn(empty
                ? $"{info.Name}: the data directory {Directory} ({Setting}) is empty; using the other sources instead."
                : Incomplete(info) is ({ } folder, { } missing)
                    ? $"{info.Name}: the data directory {Directory} ({Setting}) lacks {Names(missing)} (raw or .gz)"
                      + (folder == Directory ? "" : $" in its {info.FolderName}/ subfolder")
                      + $" of the four {info.Name} files; add {(missing.Count == 1 ? "it" : "them")}, or drop the setting; using the other sources instead."
                    : $"{info.Name}: the data directory {Directory} ({Setting}) holds no {info.Name} files (nor its {info.FolderName}/ subfolder); using the other sources instead.");
            _checked[info.Id] = null;
            return false;
        }
        foreach (var file in info.Files)
        {
            var path = found.Files[file];
            var raw = Read(info, path);
            var actual = DatasetStore.Sha256Hex(raw);
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ChecksumMismatchException(path, file.Sha256, actual,
                    $"The data directory ({Setting}) holds a bad copy: replace the file, or drop the setting.");
        }
        _report($"{info.Name}: verified the files in the data directory {found.Folder}.");
        _checked[info.Id] = found;
        return true;
    }

    /// <summary>
    /// The check at start-up, whatever runs: null when <paramref name="directory"/> can serve as a data directory, else
    /// what is wrong, as a sentence that starts with the path at fault. Cheap: the directory and its data sets'
    /// subfolders are listed, and each file by a catalogue name (raw or .gz) is sized and, once known to be a regular
    /// file, opened and closed; nothing is read or hashed (every fetch and load verifies the files it uses).
    /// </summary>
    public static string? Problem(string directory, DatasetCatalog catalog)
    {
        if (!System.IO.Directory.Exists(directory))
            return File.Exists(directory) ? $"{directory} is a file, not a folder" : $"{directory} does not exist";
        var folders = new[] { directory }.Concat(catalog.All.Select(i => Path.Combine(directory, i.FolderName)))
            .Where(System.IO.Directory.Exists).Distinct(StringComparer.Ordinal);
        var names = catalog.All.SelectMany(i => i.Files).Select(f => f.FileName).Distinct(StringComparer.Ordinal).ToList();
        foreach (var folder in folders)
        {
            try
            {
                _ = System.IO.Directory.EnumerateFileSystemEntries(folder).Any();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                return $"{folder} cannot be read ({e.Message})";
            }
            foreach (var path in names.SelectMany(n => new[] { Path.Combine(folder, n), Path.Combine(folder, n + ".gz") }))
            {
                if (!DatasetFolder.Present(path)) continue;
                if (IdxReader.FileProblem(path) is { } problem) return $"{path} {problem}";
                try
                {
                    using var _ = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    return $"{path} cannot be read ({e.Message})";
                }
            }
        }
        return null;
    }

    public Task<string> FetchAsync(DatasetInfo info, DatasetStaging staging, CancellationToken cancellationToken)
    {
        if (!_checked.TryGetValue(info.Id, out var found) || found is null)
            throw new InvalidOperationException($"{info.Name}: the data directory was not checked, or lacks the data set.");
        _report($"{info.Name}: copying from the data directory {found.Folder}.");
        staging.AddFiles(found.Files, cancellationToken);
        return Task.FromResult(found.Folder);
    }

    /// <summary>A file of the data directory, decompressed; a file that cannot be read, or is no file, is refused by name.</summary>
    static byte[] Read(DatasetInfo info, string path)
    {
        try
        {
            return IdxReader.ReadDecompressed(path);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFetchException($"{info.Name}: {e.Message} It is in the data directory ({Setting}): replace it, or drop the setting.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DatasetFetchException($"{info.Name}: {path} in the data directory ({Setting}) cannot be read ({e.Message}); fix it, or drop the setting.", e);
        }
    }

    /// <summary>
    /// Where the data directory holds some of <paramref name="info"/>'s files but not all (its subfolder first, then its
    /// top, where the files must be this data set's, not another's), and the names it lacks; null when it holds none.
    /// </summary>
    (string Folder, IReadOnlyList<string> Missing)? Incomplete(DatasetInfo info)
    {
        foreach (var folder in new[] { Path.Combine(Directory, info.FolderName), Directory })
        {
            if (!System.IO.Directory.Exists(folder)) continue;
            var paths = info.Files.Select(f => (File: f, Path: DatasetFolder.Find(folder, f))).ToList();
            var missing = paths.Where(p => p.Path is null).Select(p => p.File.FileName).ToList();
            if (missing.Count is 0 || missing.Count == paths.Count) continue; // all there (another data set's), or none
            var (file, path) = paths.First(p => p.Path is not null);
            if (folder == Directory && !BelongsHere(info, new(file, path!))) continue;
            return (folder, missing);
        }
        return null;
    }

    static string Names(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>
    /// Files lying directly in the data directory (no subfolder) may be another data set's, as MNIST and
    /// Fashion-MNIST share file names: those whose hashes are another data set's are skipped, not an error.
    /// </summary>
    bool BelongsHere(DatasetInfo info, KeyValuePair<DatasetFile, string> first)
    {
        var (file, path) = first;
        var actual = DatasetStore.Sha256Hex(Read(info, path));
        if (string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase)) return true;
        var other = _catalog.All.FirstOrDefault(o => o.Id != info.Id && o.Files.Any(f => string.Equals(f.Sha256, actual, StringComparison.OrdinalIgnoreCase)));
        if (other is null) return true; // neither ours nor another's: the check reports the mismatch
        _report($"{info.Name}: the files in {Path.GetDirectoryName(path)} are {other.Name}'s; skipped.");
        return false;
    }
}
