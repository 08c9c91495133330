using System.Collections.Concurrent;
using System.Diagnostics;
using Repro.Results;

namespace Repro.Experiments.Runtime;

/// <summary>
/// Collects the stages of one run from every thread: trainings, their evaluations, attack batches, analysis steps and
/// whole claims. Observation only: it times what runs and never changes it. Carried by the claim context, not global.
/// </summary>
public sealed class StageLog
{
    readonly ConcurrentQueue<StageRecord> _stages = new();
    readonly ConcurrentQueue<JobRecord> _jobs = new();
    readonly ConcurrentQueue<JobGroupRecord> _groups = new();
    readonly long _start = Stopwatch.GetTimestamp();
    readonly TimeSpan _cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    readonly TimeSpan _kernelStart = Process.GetCurrentProcess().PrivilegedProcessorTime;
    int _cachedTrainings, _reusedAttacks;
    readonly AsyncLocal<string?> _claim = new();

    /// <summary>
    /// The claim, cell or unit now running on this flow of work (jobs started from it inherit it, while units of the run
    /// run side by side); stamped on each stage recorded without one.
    /// </summary>
    public string? CurrentClaim
    {
        get => _claim.Value;
        set => _claim.Value = value;
    }

    public IReadOnlyList<StageRecord> Stages => [.. _stages];

    /// <summary>Seconds since the log was made.</summary>
    public double ElapsedSeconds => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public int CachedTrainings => Volatile.Read(ref _cachedTrainings);

    public int ReusedAttacks => Volatile.Read(ref _reusedAttacks);

    public void RecordJob(JobRecord job) => _jobs.Enqueue(job);

    public void RecordJobGroup(JobGroupRecord group) => _groups.Enqueue(group);

    public void Record(StageRecord stage) => _stages.Enqueue(stage.Claim is null ? stage with { Claim = CurrentClaim } : stage);

    /// <summary>Records a stage timed by <paramref name="watch"/>, at the current intra-op thread count.</summary>
    public void Record(string name, StageKind kind, StageWatch watch, double flops, string? detail = null) =>
        Record(new StageRecord(name, kind, null, Math.Max(TorchRuntime.IntraOpThreads, 1), watch.WallSeconds, watch.ThreadSeconds, flops, detail));

    /// <summary>A training the weight cache answered: counted, never timed (it cost no training).</summary>
    public void CountCachedTraining() => Interlocked.Increment(ref _cachedTrainings);

    /// <summary>An attack the run's attack memo answered (an identical attack ran earlier): counted, never timed.</summary>
    public void CountReusedAttack() => Interlocked.Increment(ref _reusedAttacks);

    /// <summary>Runs <paramref name="work"/> on this thread as one stage.</summary>
    public T Time<T>(string name, StageKind kind, double flops, Func<T> work, string? detail = null)
    {
        var watch = StageWatch.Start();
        var result = work();
        Record(name, kind, watch, flops, detail);
        return result;
    }

    /// <summary>The log as a table: wall and process CPU time since the log was made.</summary>
    public StageTable ToTable(string command, string profile, int jobs, int threads, IReadOnlyList<MatmulRate> rates, IReadOnlyList<string> reused, ConcurrentMatmulRate? concurrent = null) => new()
    {
        Command = command,
        Profile = profile,
        Date = DateTimeOffset.UtcNow,
        Cpu = MachineInfo.CpuName(),
        Cores = Environment.ProcessorCount,
        Jobs = jobs,
        Threads = threads,
        MatmulRates = rates,
        ConcurrentMatmul = concurrent,
        WallSeconds = Stopwatch.GetElapsedTime(_start).TotalSeconds,
        ProcessCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpuStart).TotalSeconds,
        ProcessKernelSeconds = (Process.GetCurrentProcess().PrivilegedProcessorTime - _kernelStart).TotalSeconds,
        NativeHeap = NativeHeap.Description,
        Reused = reused,
        CachedTrainings = CachedTrainings,
        ReusedAttacks = ReusedAttacks,
        Stages = Stages,
        PoolJobs = [.. _jobs.OrderBy(j => j.Id)],
        PoolGroups = [.. _groups.OrderBy(g => g.Id)],
    };
}
