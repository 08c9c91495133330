namespace Repro.Experiments.Data;

/// <summary>
/// Downloads one Debian package's .deb with <c>apt-get download</c>, without root and without touching the system's
/// apt state. The system's package lists are used when they already know the package. Otherwise the downloader keeps
/// private lists in its own folder (<c>lists/</c>, <c>cache/</c>) and refreshes them with
/// <c>apt-get -o Dir::State::Lists=… -o Dir::Cache=… -o Debug::NoLocking=1 update</c>, at most once per download:
/// a machine that never ran <c>apt-get update</c>, or a user who cannot, still gets the package.
/// </summary>
public sealed class AptPackageDownloader
{
    /// <summary>How a .deb was obtained, for the fetch report.</summary>
    public sealed record Download(string DebPath, string Lists);

    static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    readonly IProcessRunner _runner;
    readonly string _stateDirectory;
    readonly Action<string> _report;
    readonly Func<string, long> _availableFreeSpace;
    readonly string? _diskFolder;

    /// <param name="runner">Runs apt-get.</param>
    /// <param name="stateDirectory">The folder of the private lists, e.g. &lt;data cache&gt;/apt.</param>
    /// <param name="report">Receives one status line per step.</param>
    /// <param name="availableFreeSpace">Bytes free on a folder's disk, asked when apt-get fails (a full disk is said so).</param>
    /// <param name="diskFolder">
    /// The folder a full disk is named by (the data cache, which holds the lists and the download); null: the folder apt-get wrote to.
    /// </param>
    public AptPackageDownloader(IProcessRunner runner, string stateDirectory, Action<string> report,
        Func<string, long>? availableFreeSpace = null, string? diskFolder = null)
    {
        _runner = runner;
        _stateDirectory = Path.GetFullPath(stateDirectory);
        _report = report;
        _availableFreeSpace = availableFreeSpace ?? DiskSpace.Available;
        _diskFolder = diskFolder;
    }

    public string ListsDirectory => Path.Combine(_stateDirectory, "lists");
    public string CacheDirectory => Path.Combine(_stateDirectory, "cache");

    /// <summary>The options that point apt-get at the private lists and cache instead of the system's.</summary>
    public IReadOnlyList<string> PrivateOptions =>
    [
        "-o", $"Dir::State::Lists={ListsDirectory}",
        "-o", $"Dir::Cache={CacheDirectory}",
        "-o", $"Dir::Cache::Archives={Path.Combine(CacheDirectory, "archives")}",
        "-o", "Debug::NoLocking=1",
    ];

    /// <summary>Downloads <paramref name="package"/> into <paramref name="workDirectory"/>.</summary>
    /// <param name="what">The data set's name, which starts every message.</param>
    /// <param name="advice">What the user can do instead, ending every error (e.g. "or pass --data-dir …").</param>
    /// <exception cref="DatasetFetchException">With one line that says what failed and what to do.</exception>
    public async Task<Download> DownloadAsync(string what, string package, string workDirectory, string advice, CancellationToken ct)
    {
        string notDebian = $"{what}: apt-get was not found (not a Debian system?); {advice}";

        // 1. The system's lists, when they know the package (no network round trip for the index).
        _report($"{what}: apt-get download {package} …");
        var system = await RunAsync(["download", package], workDirectory, notDebian, ct).ConfigureAwait(false);
        if (system.Succeeded) return new Download(FindDeb(what, package, workDirectory, advice), "the system's package lists");
        if (!IsUnknownPackage(system) && !IsStaleIndex(system))
            throw Failed(what, $"apt-get download {package}", system, workDirectory, advice);

        // 2. The private lists: serialise with other processes, since apt's own lock is off for them.
        Directory.CreateDirectory(Path.Combine(ListsDirectory, "partial"));
        Directory.CreateDirectory(Path.Combine(CacheDirectory, "archives", "partial"));
        using var gate = await LockAsync(what, ct).ConfigureAwait(false);
        ProcessResult? update = null;
        if (!HasLists())
            update = await UpdateAsync(what, package, workDirectory, notDebian, advice, ct).ConfigureAwait(false);
        while (true)
        {
            _report($"{what}: apt-get download {package} with the package lists in {ListsDirectory} …");
            var own = await RunAsync([.. PrivateOptions, "download", package], workDirectory, notDebian, ct).ConfigureAwait(false);
            if (own.Succeeded) return new Download(FindDeb(what, package, workDirectory, advice), $"package lists in {ListsDirectory}");
            bool unknown = IsUnknownPackage(own);
            if (update is null && (unknown || IsStaleIndex(own)))
            {
                update = await UpdateAsync(what, package, workDirectory, notDebian, advice, ct).ConfigureAwait(false);
                continue;
            }
            if (unknown && update is not null && IsNetworkFailure(update))
                throw new DatasetFetchException(
                    $"{what}: apt-get update into {ListsDirectory} could not reach the package sources (no network?); check the network and run again, {advice}");
            if (unknown)
                throw new DatasetFetchException(
                    $"{what}: the Debian package sources no longer offer {package}, even after a fresh apt-get update; {advice}");
            throw Failed(what, $"apt-get download {package}", own, workDirectory, advice);
        }
    }

    /// <summary>Refreshes the private lists. apt-get update exits 0 when only some sources failed; the caller reads the output.</summary>
    async Task<ProcessResult> UpdateAsync(string what, string package, string workDirectory, string notDebian, string advice, CancellationToken ct)
    {
        _report($"{what}: the package lists do not know {package}; refreshing private lists in {ListsDirectory} (apt-get update, no root needed) …");
        var update = await RunAsync([.. PrivateOptions, "update"], workDirectory, notDebian, ct).ConfigureAwait(false);
        if (!update.Succeeded)
            throw DiskSpace.ChildFailure(what, "apt-get update", update, _diskFolder ?? ListsDirectory, _availableFreeSpace) ?? (IsNetworkFailure(update)
                ? new DatasetFetchException($"{what}: apt-get update into {ListsDirectory} could not reach the package sources (no network?); check the network and run again, {advice}")
                : new DatasetFetchException($"{what}: apt-get update into {ListsDirectory} failed ({update.LastLine}); {advice}"));
        return update;
    }

    bool HasLists() =>
        Directory.Exists(ListsDirectory)
        && Directory.EnumerateFiles(ListsDirectory).Any(f => !Path.GetFileName(f).Equals("lock", StringComparison.Ordinal));

    async Task<ProcessResult> RunAsync(IReadOnlyList<string> args, string workDirectory, string notFound, CancellationToken ct)
    {
        try
        {
            return await _runner.RunAsync("apt-get", args, workDirectory, ct).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new DatasetFetchException(notFound, e);
        }
    }

    async Task<FileStream> LockAsync(string what, CancellationToken ct)
    {
        var path = Path.Combine(_stateDirectory, ".lock");
        var until = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new DatasetFetchException($"{what}: {path} stayed locked by another fetch for {LockWait.TotalMinutes:0} min; run again when it has finished.", e);
            }
        }
    }

    static string FindDeb(string what, string package, string dir, string advice) =>
        Directory.GetFiles(dir, "*.deb").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault()
        ?? throw new DatasetFetchException($"{what}: `apt-get download {package}` succeeded but left no .deb file in {dir}; {advice}");

    DatasetFetchException Failed(string what, string command, ProcessResult result, string folder, string advice) =>
        DiskSpace.ChildFailure(what, command, result, _diskFolder ?? folder, _availableFreeSpace)
        ?? (IsNetworkFailure(result)
            ? new DatasetFetchException($"{what}: `{command}` could not reach the package sources (no network?); check the network and run again, {advice}")
            : new DatasetFetchException($"{what}: `{command}` failed ({result.LastLine}); {advice}"));

    static string Output(ProcessResult r) => r.StandardError + "\n" + r.StandardOutput;

    /// <summary>apt-get's words for a package its lists do not hold.</summary>
    public static bool IsUnknownPackage(ProcessResult r)
    {
        var all = Output(r);
        return all.Contains("Unable to locate package", StringComparison.OrdinalIgnoreCase)
               || all.Contains("no installation candidate", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Can't select candidate", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Can't select version", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The lists name a file the mirror no longer has (a newer version was published since).</summary>
    static bool IsStaleIndex(ProcessResult r) =>
        !r.Succeeded && (Output(r).Contains("404", StringComparison.Ordinal) || Output(r).Contains("Not Found", StringComparison.OrdinalIgnoreCase));

    /// <summary>apt-get's words for a source that did not answer.</summary>
    public static bool IsNetworkFailure(ProcessResult r)
    {
        var all = Output(r);
        return all.Contains("Temporary failure resolving", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Could not resolve", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Could not connect", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Network is unreachable", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Connection timed out", StringComparison.OrdinalIgnoreCase)
               || all.Contains("Some index files failed to download", StringComparison.OrdinalIgnoreCase);
    }
}
