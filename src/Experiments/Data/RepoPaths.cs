namespace Repro.Experiments.Data;

/// <summary>Where the repository keeps what it produces.</summary>
public static class RepoPaths
{
    /// <summary>Environment variable that overrides <see cref="ArtifactsRoot"/>.</summary>
    public const string ArtifactsVariable = "REPRO_ARTIFACTS";
    public const string SolutionFileName = "Repro.sln";

    /// <summary>
    /// REPRO_ARTIFACTS if set; else the <c>artifacts</c> folder beside the nearest ancestor holding Repro.sln, searched
    /// from the current directory and then from the application's base directory; else ./artifacts.
    /// </summary>
    public static string ArtifactsRoot
    {
        get
        {
            var env = Environment.GetEnvironmentVariable(ArtifactsVariable);
            if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
            var root = FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory);
            return Path.GetFullPath(root is null ? "artifacts" : Path.Combine(root, "artifacts"));
        }
    }

    /// <summary>The data store: ArtifactsRoot/data.</summary>
    public static string DataCache => Path.Combine(ArtifactsRoot, "data");

    /// <summary>The nearest directory at or above <paramref name="start"/> holding Repro.sln, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        if (string.IsNullOrEmpty(start)) return null;
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                return dir.FullName;
        return null;
    }
}
