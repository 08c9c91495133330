namespace Repro.Experiments.Data;

/// <summary>
/// The folder one fetch builds a data set in (<c>&lt;cache&gt;/.tmp-…</c>) until <see cref="DatasetStore"/> commits it.
/// Sources hand it their files, raw or gzip; each is decompressed, verified against the catalogue's SHA-256 and
/// written raw, or refused with the name of where it came from.
/// </summary>
public sealed class DatasetStaging
{
    const string ScratchName = ".download";

    readonly Action<string> _report;
    readonly HashSet<string> _added = new(StringComparer.Ordinal);

    internal DatasetStaging(DatasetInfo info, string folder, Action<string> report)
    {
        Info = info;
        Folder = folder;
        _report = report;
    }

    /// <summary>The data set being staged.</summary>
    public DatasetInfo Info { get; }
    /// <summary>The staging folder; what it holds becomes the store's folder of the data set.</summary>
    public string Folder { get; }
    /// <summary>The store's cache, where the staging folder lies: the disk a fetch fills.</summary>
    public string CacheFolder => Path.GetDirectoryName(Folder) ?? Folder;
    /// <summary>A folder for downloads and unpacking (&lt;staging&gt;/.download); the store removes it once the source is done.</summary>
    public string ScratchFolder => Path.Combine(Folder, ScratchName);

    /// <summary>Makes <see cref="ScratchFolder"/> and returns it.</summary>
    public string CreateScratchFolder() => Directory.CreateDirectory(ScratchFolder).FullName;

    /// <summary>Decompresses <paramref name="content"/> if needed, verifies its hash and writes the raw file.</summary>
    /// <param name="origin">Where the content came from (a path, or <c>archive:member</c>); named in every error.</param>
    public void Add(DatasetFile file, byte[] content, string origin)
    {
        var raw = IdxReader.Decompress(content, origin);
        var actual = DatasetStore.Sha256Hex(raw);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(origin, file.Sha256, actual);
        File.WriteAllBytes(Path.Combine(Folder, file.FileName), raw);
        _added.Add(file.FileName);
        _report($"  verified {file.FileName} (sha256 {actual[..12]}…)");
    }

    /// <summary>
    /// Adds the data set's four files from <paramref name="files"/> (paths of raw or .gz files), each read only once it is
    /// known to be a regular file of a plausible size (<see cref="IdxReader.ReadFile"/>).
    /// </summary>
    public void AddFiles(IReadOnlyDictionary<DatasetFile, string> files, CancellationToken cancellationToken)
    {
        foreach (var f in Info.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Add(f, IdxReader.ReadFile(files[f]), files[f]);
        }
    }

    /// <summary>Whether <paramref name="file"/> was added.</summary>
    public bool Holds(DatasetFile file) => _added.Contains(file.FileName);

    /// <summary>The names of the data set's files not added yet.</summary>
    public IReadOnlyList<string> Missing => [.. Info.Files.Where(f => !Holds(f)).Select(f => f.FileName)];
}
