namespace Repro.Experiments.Data;

/// <summary>Settings of a <see cref="DatasetStore"/>.</summary>
public sealed record DatasetStoreOptions
{
    /// <summary>Environment variable naming the user's data directory when <see cref="DataDirectory"/> is not given.</summary>
    public const string DataDirectoryVariable = "REPRO_DATA_DIR";

    /// <summary>The store: &lt;cache&gt;/mnist and &lt;cache&gt;/fashion-mnist hold the raw IDX files and a manifest.</summary>
    public required string CacheDirectory { get; init; }
    /// <summary>The user's own copy of the files (raw or .gz, optionally in a mnist/ or fashion-mnist/ subfolder).</summary>
    public string? DataDirectory { get; init; }
    /// <summary>Whether REPRO_DATA_DIR is read when <see cref="DataDirectory"/> is null.</summary>
    public bool ReadEnvironment { get; init; } = true;
    /// <summary>Runs npm, apt-get and dpkg-deb.</summary>
    public IProcessRunner ProcessRunner { get; init; } = new SystemProcessRunner();
    /// <summary>Which data sets exist and their hashes.</summary>
    public DatasetCatalog Catalog { get; init; } = DatasetCatalog.Default;
    /// <summary>Lines the user must see even without progress output: a named data directory that was not used, and why.</summary>
    public IProgress<string>? Warnings { get; init; }
    /// <summary>
    /// The bytes free on the disk of a folder, asked when npm, apt-get or dpkg-deb fails, to tell a full disk from a
    /// network or package problem (tests pretend a full disk).
    /// </summary>
    public Func<string, long> AvailableFreeSpace { get; init; } = DiskSpace.Available;
    /// <summary>Root under which installed Debian packages are looked for ("/"; tests point it elsewhere).</summary>
    public string SystemRoot { get; init; } = "/";
}
