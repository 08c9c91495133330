namespace Repro.Experiments.Runtime;

/// <summary>
/// How a run uses the machine: independent jobs (seeds, configurations) side by side, and libtorch intra-op threads per
/// job. By default the jobs fill the cores and each runs one thread: the benchmark's thread comparison measured these
/// small operations slower with two contending threads than with one, while independent jobs scale. Threads go up only
/// when fewer jobs than cores are asked for, so jobs × threads stays within the cores.
/// </summary>
public readonly record struct ParallelismPlan(int Jobs, int Threads)
{
    /// <summary>At most this many default jobs: each training job holds its own copy of the data set as tensors (about 220 MB for MNIST).</summary>
    public const int MaxDefaultJobs = 8;

    /// <summary>The plan for <paramref name="cores"/> cores; a given value is kept, a missing one is derived from it and the cores.</summary>
    public static ParallelismPlan Resolve(int? jobs, int? threads, int cores)
    {
        cores = Math.Max(1, cores);
        int j = jobs ?? Math.Clamp(cores / Math.Max(1, threads ?? 1), 1, MaxDefaultJobs);
        int t = threads ?? Math.Max(1, cores / j);
        return new ParallelismPlan(j, t);
    }

    /// <summary>The plan of this machine with nothing asked for.</summary>
    public static ParallelismPlan Default => Resolve(null, null, Environment.ProcessorCount);

    public bool Oversubscribes(int cores) => (long)Jobs * Threads > cores;
}
