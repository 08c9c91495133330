using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Experiments.Claims;

/// <summary>
/// The shared experiment of C4a, C4b and C8: the weight rows of a multinomial logistic regression (<see cref="LinearClassifier"/>) on the
/// 50,000 training images Table 1's networks learn from, per dataset, trained once per context with seed 0.
/// </summary>
public static class LinearTemplates
{
    public const int Seed = 0;

    public static float[][] Of(ClaimContext ctx, DatasetId id) => ctx.Memo($"linear-templates-{id}", () =>
    {
        var split = ctx.Dataset(id);
        var partition = TrainingPartition.Of(Table1Configuration.MnistFcSgd.Training(ctx.Profile, Seed), split);
        return ClaimKit.AnalysisStep(ctx, $"analysis linear classifier {id}", () => LinearClassifier.Templates(partition.Training(split), Seed, ctx.Cancel));
    });
}
