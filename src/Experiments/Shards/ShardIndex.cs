using System.Globalization;

namespace Repro.Experiments.Shards;

/// <summary>Which shard of how many a run computes: "i/N" with 1 ≤ i ≤ N, from <c>--shard</c>, REPRO_SHARD or a Slurm array.</summary>
public sealed record ShardIndex(int Index, int Count)
{
    /// <summary>The most shards a plan makes: more would leave shards with nothing to do.</summary>
    public const int MaxShards = 1000;

    /// <summary>What --shard or REPRO_SHARD takes for the whole run, also inside a Slurm array job.</summary>
    public const string None = "none";

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>A setting's shard: "I/N", or null for <see cref="None"/> (the whole run).</summary>
    public static ShardIndex? ParseSetting(string text, string source) =>
        string.Equals(text.Trim(), None, StringComparison.OrdinalIgnoreCase) ? null : Parse(text, source);

    /// <summary>"i/N", or the reason it is refused (naming <paramref name="source"/>, e.g. "--shard").</summary>
    public static ShardIndex Parse(string text, string source)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new FormatException($"{source} must be I/N (shard I of N, both whole numbers, e.g. 2/3) or {None}, got '{text}'");
        if (n < 1 || n > MaxShards) throw new FormatException($"{source}: the number of shards must be 1 to {MaxShards}, got {n} in '{text}'");
        if (i < 1 || i > n) throw new FormatException($"{source}: the shard must be 1 to {n}, got {i} in '{text}'");
        return new ShardIndex(i, n);
    }

    /// <summary>
    /// A Slurm array task's shard: SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (0 when unset), of
    /// SLURM_ARRAY_TASK_COUNT; null outside an array job. The array must be contiguous (e.g. --array=0-2 or 1-3).
    /// </summary>
    public static ShardIndex? FromSlurm(Func<string, string?> environment)
    {
        if (environment("SLURM_ARRAY_TASK_ID") is not { Length: > 0 } id) return null;
        var count = environment("SLURM_ARRAY_TASK_COUNT");
        var min = environment("SLURM_ARRAY_TASK_MIN") is { Length: > 0 } m ? m : "0";
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int task)
            || !int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new FormatException($"SLURM_ARRAY_TASK_ID ('{id}'), SLURM_ARRAY_TASK_MIN ('{min}') and SLURM_ARRAY_TASK_COUNT ('{count}') must be whole numbers: " +
                                      "submit with a contiguous --array, or give --shard I/N");
        return Parse($"{task - first + 1}/{n}", $"the Slurm array task (SLURM_ARRAY_TASK_ID {task}, SLURM_ARRAY_TASK_MIN {first}, SLURM_ARRAY_TASK_COUNT {n})");
    }
}
