using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using static TorchSharp.torch;

namespace Repro.Cli.Commands;

/// <summary>
/// The validated settings turned into places and library objects: the artifacts folder and its parts, the data store,
/// the profile, the device. libtorch is configured (threads) only when a verb first needs it.
/// </summary>
public sealed class Workspace(IOptions<ReproOptions> options, ILogger<Workspace> logger)
{
    readonly object _gate = new();
    Device? _device;

    public ReproOptions Options => options.Value;
    /// <summary>The profile, with --study's extent of the sensitivity study, run with --jobs side by side.</summary>
    public ProfileSettings Profile => Profiles.WithStudy(Profiles.Get(Options.Profile), Options.Study) with { Parallelism = Plan.Jobs };
    /// <summary>Jobs and threads: --jobs and --threads, else derived from the cores.</summary>
    public ParallelismPlan Plan => ParallelismPlan.Resolve(Options.Jobs, Options.Threads, Environment.ProcessorCount);
    public string OutDir => Path.GetFullPath(Options.Out ?? RepoPaths.ArtifactsRoot);
    public string DataCache => Path.Combine(OutDir, "data");
    public string ModelsDir => Path.Combine(OutDir, "models");
    /// <summary>The profile's records: &lt;out&gt;/results/&lt;profile&gt;.</summary>
    public string ResultsDir => ClaimContext.ResultsDirectory(OutDir, Profiles.Get(Options.Profile).Name);
    public string ReportDir => Path.Combine(OutDir, "report");
    public string BenchDir => Path.Combine(OutDir, "bench");

    public DatasetStore Store(IProgress<string>? progress = null) => new(
        new DatasetStoreOptions { CacheDirectory = DataCache, DataDirectory = Options.DataDir, Warnings = Notices }, progress);

    /// <summary>One-line notices for the user (printed as warnings): a cache entry that failed verification, say.</summary>
    public IProgress<string> Notices => new Reporter<string>(m => logger.LogWarning("{Notice}", m));

    /// <summary>Sets libtorch's intra-op threads (once).</summary>
    public void ConfigureTorch()
    {
        lock (_gate)
        {
            var plan = Plan;
            if (TorchRuntime.IntraOpThreads == plan.Threads) return;
            TorchRuntime.Configure(plan.Threads);
            logger.LogDebug("jobs {Jobs}, libtorch intra-op threads {Threads}", plan.Jobs, plan.Threads);
            if (plan.Oversubscribes(Environment.ProcessorCount))
                logger.LogWarning("--jobs {Jobs} × --threads {Threads} exceeds the {Cores} cores: the jobs will contend", plan.Jobs, plan.Threads, Environment.ProcessorCount);
        }
    }

    /// <summary>The device of --device, resolved once (auto: CUDA when available).</summary>
    public Device Device
    {
        get
        {
            ConfigureTorch();
            lock (_gate)
            {
                if (_device is null)
                {
                    _device = TorchRuntime.ResolveDevice(Options.Device);
                    logger.LogDebug("device: {Device} (asked for {Asked})", _device.type, Options.Device);
                }
                return _device;
            }
        }
    }

    /// <summary>
    /// The shard this run computes: --shard (or REPRO_SHARD), else a Slurm array task's; null: the whole run (also --shard none
    /// inside an array job). A Slurm array
    /// whose variables do not read is refused with one line.
    /// </summary>
    public Repro.Experiments.Shards.ShardIndex? Shard
    {
        get
        {
            if (Options.Shard is { } given) return Repro.Experiments.Shards.ShardIndex.ParseSetting(given, "--shard");
            try { return Repro.Experiments.Shards.ShardIndex.FromSlurm(Environment.GetEnvironmentVariable); }
            catch (FormatException e) { throw new CliUsageException(e.Message); }
        }
    }

    /// <summary>--seed, else the profile's first seed for the architecture.</summary>
    public int SeedFor(Architecture architecture) =>
        Options.Seed ?? (architecture == Architecture.Fc ? Profile.FcSeeds[0] : Profile.CnnSeeds[0]);
}
