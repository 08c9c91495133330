namespace Repro.Experiments.Data;

/// <summary>
/// The files of a Debian package installed in place (e.g. <c>/usr/share/datasets/fashion-mnist</c>): copied and
/// verified, no program runs. A data set whose package is not installed is left to the next source.
/// </summary>
public sealed class InstalledPackageSource(string systemRoot, Action<string> report) : IDatasetSource
{
    public DatasetSource Kind => DatasetSource.SystemPackage;

    /// <summary>Where the package's files of <paramref name="info"/> lie when it is installed, or null when it has none.</summary>
    public string? FolderOf(DatasetInfo info) =>
        info.DebianDataFolder is null ? null : Path.Combine(systemRoot, info.DebianDataFolder);

    public bool CanProvide(DatasetInfo info) => FolderOf(info) is { } folder && DatasetFolder.FindFiles(info, folder) is not null;

    public Task<string> FetchAsync(DatasetInfo info, DatasetStaging staging, CancellationToken cancellationToken)
    {
        var installed = FolderOf(info) ?? throw new InvalidOperationException($"{info.Name} has no Debian package.");
        var files = DatasetFolder.FindFiles(info, installed)
                    ?? throw new DatasetFetchException($"{info.Name}: the installed package files in {installed} are gone.");
        report($"{info.Name}: copying from the installed package files in {installed}.");
        staging.AddFiles(files, cancellationToken);
        return Task.FromResult(installed);
    }
}
