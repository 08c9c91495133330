using Microsoft.Extensions.Configuration;

namespace Repro.Cli.Hosting;

/// <summary>
/// The global settings, bound from configuration: appsettings.json, then REPRO_* environment variables (REPRO_PROFILE,
/// REPRO_STUDY, REPRO_DEVICE, REPRO_SEED, REPRO_OUT, REPRO_DATA_DIR, REPRO_JOBS, REPRO_THREADS, REPRO_SHARD), then the command line. Validated at start-up.
/// </summary>
public sealed class ReproOptions
{
    public string Profile { get; set; } = "quick";
    /// <summary>How much of the sensitivity study runs: "budget" (the profile's) or "full".</summary>
    public string Study { get; set; } = "budget";
    public string Device { get; set; } = "auto";
    public int? Seed { get; set; }
    /// <summary>The artifacts folder; null: RepoPaths.ArtifactsRoot (REPRO_ARTIFACTS or artifacts/ beside Repro.sln).</summary>
    public string? Out { get; set; }
    /// <summary>The user's copy of the data files; null: the store reads REPRO_DATA_DIR itself.</summary>
    public string? DataDir { get; set; }
    /// <summary>Independent jobs side by side; null: one per core, bounded (ParallelismPlan).</summary>
    public int? Jobs { get; set; }
    /// <summary>libtorch intra-op threads per job; null: the cores left per job, at least 1 (ParallelismPlan).</summary>
    public int? Threads { get; set; }
    /// <summary>"I/N": compute shard I of N of the run's plan into the caches, and write no record (reproduce and claims; REPRO_SHARD). Null: the whole run, or a Slurm array's task.</summary>
    public string? Shard { get; set; }
    public bool Quiet { get; set; }
    public bool Verbose { get; set; }

    /// <summary>REPRO_DATA_DIR arrives as the key DATA_DIR; map it onto <see cref="DataDir"/> when nothing else set it.</summary>
    public static void ApplyAliases(ReproOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.DataDir) && configuration["DATA_DIR"] is { Length: > 0 } dataDir)
            options.DataDir = dataDir;
        if (string.IsNullOrWhiteSpace(options.Out)) options.Out = null;
        if (string.IsNullOrWhiteSpace(options.DataDir)) options.DataDir = null;
        if (string.IsNullOrWhiteSpace(options.Shard)) options.Shard = null;
    }
}
