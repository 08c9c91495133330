using System.Runtime.CompilerServices;
using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Experiments.Claims;

/// <summary>
/// The shared experiment of C4a, C4b and C8: the weight rows of a multinomial logistic regression (<see cref="LinearClassifier"/>) on the
/// 50,000 training images Table 1's networks learn from, per dataset, trained once with seed 0. It depends on the data alone, so the
/// contexts of one run (the claims' and every sensitivity cell's, which share their data sets) share it too.
/// </summary>
public static class LinearTemplates
{
    public const int Seed = 0;

    private static readonly ConditionalWeakTable<Dataset, System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<float[][]>>> Trained = new();

    public static float[][] Of(ClaimContext ctx, DatasetId id)
    {
        var split = ctx.Dataset(id);
        var partition = TrainingPartition.Of(Table1Configuration.MnistFcSgd.Training(ctx.Profile, Seed), split);
        // Keyed by the training images themselves (shared by every context of a run) and by how many of them the partition trains on.
        return Trained.GetValue(split.Train, _ => new()).GetOrAdd(partition.TrainingSamples, _ => new Lazy<float[][]>(() =>
            ClaimKit.AnalysisStep(ctx, $"analysis linear classifier {id}", () => LinearClassifier.Templates(partition.Training(split), Seed, ctx.Cancel)),
            LazyThreadSafetyMode.PublicationOnly)).Value; // a cancelled training is not kept
    }
}
