namespace Repro.Experiments.Data;

/// <summary>
/// A Debian package fetched without root: <c>apt-get download</c> (the system's package lists, else private ones in
/// <paramref name="aptStateDirectory"/>; see <see cref="AptPackageDownloader"/>), then <c>dpkg-deb -x</c> into the
/// staging folder's scratch space.
/// </summary>
/// <param name="runner">Runs apt-get and dpkg-deb.</param>
/// <param name="aptStateDirectory">The folder of apt-get's private lists and cache.</param>
/// <param name="report">Status lines.</param>
/// <param name="availableFreeSpace">Bytes free on a folder's disk, asked when a program fails (a full disk is said so).</param>
public sealed class AptDownloadSource(IProcessRunner runner, string aptStateDirectory, Action<string> report,
    Func<string, long>? availableFreeSpace = null) : IDatasetSource
{
    public DatasetSource Kind => DatasetSource.AptDownload;

    public bool CanProvide(DatasetInfo info) => info.DebianPackage is not null && info.DebianDataFolder is not null;

    public async Task<string> FetchAsync(DatasetInfo info, DatasetStaging staging, CancellationToken cancellationToken)
    {
        string pkg = info.DebianPackage ?? throw new InvalidOperationException($"{info.Name} has no Debian package.");
        string advice = $"or pass --data-dir / {DatasetStoreOptions.DataDirectoryVariable} with the four {info.Name} files (raw or .gz).";
        var work = staging.CreateScratchFolder();
        var apt = new AptPackageDownloader(runner, aptStateDirectory, report, availableFreeSpace, staging.CacheFolder);
        var download = await apt.DownloadAsync(info.Name, pkg, work, advice, cancellationToken).ConfigureAwait(false);
        var deb = download.DebPath;
        var root = Path.Combine(work, "root");
        Directory.CreateDirectory(root);
        report($"{info.Name}: dpkg-deb -x {Path.GetFileName(deb)} …");
        var extract = await ChildProcess.RunAsync(runner, "dpkg-deb", ["-x", deb, root], work,
            $"{info.Name}: dpkg-deb was not found; install dpkg, {advice}", cancellationToken).ConfigureAwait(false);
        if (!extract.Succeeded)
            throw DiskSpace.ChildFailure(info.Name, $"dpkg-deb -x {Path.GetFileName(deb)}", extract, staging.CacheFolder, availableFreeSpace ?? DiskSpace.Available)
                  ?? new DatasetFetchException($"{info.Name}: `dpkg-deb -x {Path.GetFileName(deb)}` failed ({extract.LastLine}); {advice}");
        var folder = Path.Combine(root, info.DebianDataFolder!);
        var files = DatasetFolder.FindFiles(info, folder)
                    ?? throw new DatasetFetchException($"{info.Name}: the package {pkg} has no {info.DebianDataFolder} with the four files; {advice}");
        staging.AddFiles(files, cancellationToken);
        return $"Debian package {pkg} (apt-get download, {download.Lists})";
    }
}
