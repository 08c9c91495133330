using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Repro.Experiments.Runtime;

/// <summary>
/// The version of the science code: a SHA-256 over the source files of Repro.Experiments and Repro.Results, hashed at build time
/// (the project's ScienceSourceHashes target). Cached attacks and weights carry the version of the code they depend on, and a
/// record the version of all of it, so that a result written by other code is rerun, never resumed. A comment changes it too:
/// the version errs on the side of rerunning.
/// </summary>
public static class ScienceVersion
{
    /// <summary>Source path (relative to src/Experiments, '/' separated) → its SHA-256, as compiled in.</summary>
    public static IReadOnlyDictionary<string, string> Sources { get; } = Read();

    /// <summary>The version of all the science code (16 hex digits).</summary>
    public static string All { get; } = Of("");

    /// <summary>The attack code's version: the attacks, the runner that batches them and the networks they run through.</summary>
    public static string AttackCode { get; } = Of("Attacks/", "Perturbations/", "Models/", "Runtime/");

    /// <summary>The training code's version: the networks, the training loop and the evaluator, and the data they read.</summary>
    public static string TrainingCode { get; } = Of("Models/", "Data/", "Runtime/");

    /// <summary>The version of the sources under any of <paramref name="prefixes"/> ("" is all of them).</summary>
    public static string Of(params string[] prefixes)
    {
        var lines = Sources.Where(s => prefixes.Any(p => s.Key.StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}\n");
        if (!lines.Any()) return "unknown";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))))[..16];
    }

    static Dictionary<string, string> Read()
    {
        var value = typeof(ScienceVersion).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ScienceSources")?.Value ?? "";
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in value.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = entry.LastIndexOf('=');
            if (eq <= 0) continue;
            sources[entry[..eq].Replace('\\', '/')] = entry[(eq + 1)..].ToLowerInvariant();
        }
        return sources;
    }
}
