using Repro.Experiments.Models;

namespace Repro.Experiments.Bench;

/// <summary>What the attack benchmark measures and how long each measurement should take.</summary>
public sealed record AttackBenchmarkOptions
{
    /// <summary>Batch sizes of the throughput grid (a).</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1, 10, 100, 300, 1000];
    /// <summary>Wanted duration of one timed cell; iteration counts are chosen from a short probe to fit it.</summary>
    public double CellSeconds { get; init; } = 1.5;
    public NetworkSpec Fc { get; init; } = NetworkSpec.FcMnist;
    /// <summary>The CNN of the grid, given by the caller (e.g. the profile's widths), so Bench depends on no claim.</summary>
    public required NetworkSpec Cnn { get; init; }
    public int Seed { get; init; }
    public double LearningRate { get; init; } = 0.1;
    public double NoiseSigma { get; init; } = 0.3;
    /// <summary>AAI (adversarial average image) comparison (b): classes × ADEs per class, at this many iterations.</summary>
    public int AaiClasses { get; init; } = 10;
    public int AaiAdes { get; init; } = 30;
    public int AaiIterations { get; init; } = 100;
    /// <summary>Zero feed for every class of FC (c), and how many times it is repeated (the median is reported).</summary>
    public int ZeroFeedIterations { get; init; } = 1000;
    public int ZeroFeedRepeats { get; init; } = 3;
    public int TrainBatch { get; init; } = 32;
    public int MatmulSize { get; init; } = 1024;
    /// <summary>Intra-op thread counts compared in (f).</summary>
    public IReadOnlyList<int> ThreadCounts { get; init; } = [1, 2];
    /// <summary>(h) the batch whose step time is measured: C2's six-image noise feeds, where the step's fixed cost dominates.</summary>
    public int SmallBatch { get; init; } = 6;
    /// <summary>
    /// (i) how many networks are stacked in one attack: a network and its untrained twin (the only group a seed owns alone,
    /// so the only one that keeps a seed's result the same when seeds are split over shards), and a CNN configuration's
    /// four seeds with their twins.
    /// </summary>
    public IReadOnlyList<int> StackedNetworks { get; init; } = [2, 8];
    /// <summary>(i) images per FC network: C2's six-image feeds, where the run's FC attacks spend their steps.</summary>
    public int StackedFcBatch { get; init; } = 6;
    /// <summary>(i) images per CNN: the Table 1 attacks' twenty requests (ten classes, two feeds), where the run's CNN attacks spend their steps.</summary>
    public int StackedCnnBatch { get; init; } = 20;
    /// <summary>(j) the batch of the CNN attack step timed layer by layer: the Table 1 attacks' twenty requests.</summary>
    public int LayerBatch { get; init; } = 20;

    public void Validate()
    {
        if (Batches.Count == 0 || Batches.Any(b => b < 1)) throw new ArgumentException("The benchmark needs positive batch sizes.");
        if (!(CellSeconds > 0) || CellSeconds > 600) throw new ArgumentOutOfRangeException(nameof(CellSeconds), $"A cell's duration must be in (0, 600] seconds (got {CellSeconds}).");
        if (AaiClasses < 1 || AaiAdes < 1 || AaiIterations < 1 || ZeroFeedIterations < 1 || ZeroFeedRepeats < 1 || TrainBatch < 1 || MatmulSize < 1 || SmallBatch < 1 || StackedFcBatch < 1 || StackedCnnBatch < 1 || LayerBatch < 1 || StackedNetworks.Any(k => k < 1))
            throw new ArgumentException("The benchmark's counts and sizes must be positive.");
        if (ThreadCounts.Count == 0 || ThreadCounts.Any(t => t < 1)) throw new ArgumentException("The thread counts must be positive.");
        if (Fc.Architecture != Architecture.Fc) throw new ArgumentException("The FC network of the benchmark must be fully connected.");
        if (Cnn.Architecture == Architecture.Fc) throw new ArgumentException("The CNN of the benchmark must be convolutional.");
        if (AaiClasses > Fc.ClassCount) throw new ArgumentException($"The FC network has {Fc.ClassCount} classes, fewer than the {AaiClasses} asked for.");
        Fc.Validate();
        Cnn.Validate();
    }
}
