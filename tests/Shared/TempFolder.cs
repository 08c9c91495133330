namespace Repro.Tests.Shared;

/// <summary>A fresh empty folder under the system's temp directory, removed (best effort) when disposed. Shared by the test projects.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "repro-test-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
