using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;
using Repro.Results;
using static TorchSharp.torch;

namespace Repro.Experiments.Claims;

/// <summary>Everything a claim run needs, passed in (no globals): profile, data, weight cache, device.</summary>
public sealed class ClaimContext
{
    private ConcurrentDictionary<DatasetId, Lazy<DatasetSplit>> _datasets = new();
    private readonly ConcurrentDictionary<Type, Lazy<object>> _shared = new();

    public ClaimContext(ProfileSettings profile, DatasetStore data, string artifactsRoot, Device? device = null,
        IProgress<ClaimProgress>? progress = null, CancellationToken cancel = default, IProgress<string>? notices = null, StageLog? stages = null,
        AttackMemo? attacks = null, WorkerPool? pool = null)
    {
        profile.Validate();
        // Only the CPU repeats an attack's bits, so only there are attacks kept between runs (the memo is CPU-only too).
        Attacks = attacks ?? new AttackMemo((device ?? CPU).type == TorchSharp.DeviceType.CPU ? new AttackCache(Path.Combine(artifactsRoot, AttacksFolder), notices) : null);
        Profile = profile;
        Data = data;
        ArtifactsRoot = artifactsRoot;
        Device = device ?? CPU;
        Notices = notices;
        Stages = stages;
        Pool = pool ?? new WorkerPool(profile.Parallelism, stages);
        Trainer = new Trainer(Path.Combine(artifactsRoot, "models"), Device, notices, stages);
        Results = new ResultStore(ResultsDirectory(artifactsRoot, profile.Name));
        Progress = progress;
        Cancel = cancel;
    }

    /// <summary>
    /// A context with another profile that shares this one's data (loaded and verified once), weight cache, device,
    /// progress, cancellation and attack memo, but not its other memos: the sensitivity study's cells.
    /// </summary>
    public ClaimContext WithProfile(ProfileSettings profile, IProgress<ClaimProgress>? progress = null)
    {
        var other = new ClaimContext(profile, Data, ArtifactsRoot, Device, progress ?? Progress, Cancel, Notices, Stages, Attacks, Pool);
        other._datasets = _datasets;
        return other;
    }

    /// <summary>Where a profile's records live: each profile has its own folder, so a quick run never replaces a paper run's records.</summary>
    public static string ResultsDirectory(string artifactsRoot, string profile) => Path.Combine(artifactsRoot, "results", profile);

    /// <summary>The folder under the artifacts root that keeps white-box attacks between runs.</summary>
    public const string AttacksFolder = "attacks";

    /// <summary>White-box attacks of this run, handed out again to an identical attack (shared with <see cref="WithProfile"/>'s
    /// contexts, and passed on from the claims to the sensitivity study when reproduce runs both).</summary>
    public AttackMemo Attacks { get; }

    public ProfileSettings Profile { get; }
    public DatasetStore Data { get; }
    public string ArtifactsRoot { get; }
    public Device Device { get; }
    public Trainer Trainer { get; }
    /// <summary>The run's workers, shared by every claim, unit and cell of the run (and by <see cref="WithProfile"/>'s contexts).</summary>
    public WorkerPool Pool { get; }
    /// <summary>Where trainings, attack batches, analysis steps and claims are recorded as timed stages; null: not recorded.</summary>
    public StageLog? Stages { get; }
    public ResultStore Results { get; }
    public IProgress<ClaimProgress>? Progress { get; }
    /// <summary>One-line notices for the user: a cache entry or record that failed verification and is rebuilt.</summary>
    public IProgress<string>? Notices { get; }
    public CancellationToken Cancel { get; }

    public DatasetSplit Dataset(DatasetId id) => _datasets.GetOrAdd(id, i => new Lazy<DatasetSplit>(() => Data.Load(i))).Value;

    /// <summary>A shared experiment's result, computed once per context (e.g. the twelve networks' attacks shared by C4a, C4b, C5 and C9).</summary>
    public T Shared<T>(SharedExperiment<T> experiment) where T : class => (T)Node(experiment).Value;

    /// <summary>Computes the node now, as a unit of its own (its result is kept for the claims that read it).</summary>
    public void Compute(SharedExperiment experiment) => _ = Node(experiment).Value;

    /// <summary>The node's one computation in this context, keyed by its type (a failure is kept too: its readers fail with it).</summary>
    private Lazy<object> Node(SharedExperiment experiment) => _shared.GetOrAdd(experiment.GetType(), _ => new Lazy<object>(() => Timed(experiment)));

    /// <summary>Whether the node has been computed in this context.</summary>
    public bool HasComputed(SharedExperiment experiment) => _shared.TryGetValue(experiment.GetType(), out var lazy) && lazy.IsValueCreated;

    /// <summary>
    /// Computes the node as a stage of its own. Run as a unit (no claim current), its trainings and attacks are charged to it;
    /// read from inside a claim or a sensitivity cell, they stay with that reader, and the node's stage names it.
    /// </summary>
    private object Timed(SharedExperiment experiment)
    {
        if (Stages is not { } log) return experiment.ComputeUntyped(this);
        var reader = log.CurrentClaim;
        if (reader is null) log.CurrentClaim = experiment.Name;
        try
        {
            return log.Time(StageName(experiment, reader), StageKind.Claim, 0, () => experiment.ComputeUntyped(this),
                "a shared experiment: its trainings, attacks and analysis (not added to the totals)");
        }
        finally { log.CurrentClaim = reader; }
    }

    /// <summary>The stage of a node: "shared Table 1 networks", or with the claim or cell that first read it.</summary>
    public static string StageName(SharedExperiment experiment, string? reader = null) =>
        reader is null ? $"shared {experiment.Name}" : $"shared {experiment.Name} ({reader})";

    public void Report(string claim, string stage, double fraction) => Progress?.Report(new ClaimProgress(claim, stage, fraction));

    public void Notice(string message) => Notices?.Report(message);

    public EnvironmentInfo Environment()
    {
        // Null on the CPU, so a CPU record is written exactly as before.
        var gpu = GpuInfo.Of(Device);
        return new(
        RuntimeInformation.OSDescription,
        $"{MachineInfo.CpuName()} ({System.Environment.ProcessorCount} cores)",
        Device.type.ToString().ToLowerInvariant(),
        System.Environment.Version.ToString(),
        TorchRuntime.TorchSharpVersion,
        TorchRuntime.LibTorchVersion,
        TorchRuntime.IntraOpThreads,
        SourceVersion.GitCommit(),
        DateTimeOffset.UtcNow,
        ScienceVersion.All,
        gpu?.Name,
        gpu?.Driver,
        gpu?.Cuda);
    }
}
