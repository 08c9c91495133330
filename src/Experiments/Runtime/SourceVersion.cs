using Repro.Experiments.Data;

namespace Repro.Experiments.Runtime;

/// <summary>Which source produced a result: the commit checked out in the repository the program runs from.</summary>
public static class SourceVersion
{
    /// <summary>The commit of HEAD (from .git, no git binary needed), or "unknown" outside a repository.</summary>
    public static string GitCommit()
    {
        var root = RepoPaths.FindRepositoryRoot(Environment.CurrentDirectory) ?? RepoPaths.FindRepositoryRoot(AppContext.BaseDirectory);
        if (root is null) return "unknown";
        try
        {
            var head = File.ReadAllText(Path.Combine(root, ".git", "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal)) return head;
            var refPath = Path.Combine(root, ".git", head[5..]);
            if (File.Exists(refPath)) return File.ReadAllText(refPath).Trim();
            var packed = Path.Combine(root, ".git", "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(head[5..], StringComparison.Ordinal))?.Split(' ')[0] ?? "unknown"
                : "unknown";
        }
        catch (IOException) { return "unknown"; }
    }
}
