using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Results;
using static Repro.Unit.Tests.Engine.EngineKit;
using Repro.Experiments.Runtime;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// A training with a loss target whose accuracy-only twin ran to its epoch limit without meeting the accuracy target is that
/// twin: it is taken from the cache, and equals a fresh training bit for bit. A twin that met its target is not taken.
/// </summary>
public sealed class AccuracyOnlyTwinTests
{
    static readonly DatasetSplit Data = new(Quadrants("quadrants", 240, 3), Quadrants("quadrants-test", 80, 4));

    static TrainingSpec Spec(double targetAccuracy, double? targetLoss) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, BatchSize = 8, TargetAccuracy = targetAccuracy, TargetLoss = targetLoss,
        MaxEpochs = 2, EvaluateEverySteps = 5, ValidationHoldout = 40, Seed = 5,
    };

    sealed record Run(float[][] Weights, TrainingReport Report, int Trained, int Cached);

    /// <summary>Trains <paramref name="specs"/> in order into one fresh cache; what the last one gave.</summary>
    static Run TrainInOrder(params TrainingSpec[] specs)
    {
        using var folder = new TempFolder("repro-twin-");
        var log = new StageLog();
        var trainer = new Trainer(folder.Path, stages: log);
        TrainedNetwork? last = null;
        foreach (var spec in specs)
        {
            last?.Dispose();
            last = trainer.TrainOrLoad(NetworkSpec.FcDummy, spec, Data);
        }
        using (last)
            return new Run(Weights(last!.Model), last.Report, log.Stages.Count(s => s.Kind == StageKind.Training), log.CachedTrainings);
    }

    [Fact]
    public void Given_an_accuracy_only_twin_that_never_met_its_target_When_training_with_a_loss_target_Then_the_twin_is_taken_and_equals_a_fresh_training()
    {
        // Accuracy 1 on 40 noisy held-out images is out of reach in two epochs.
        var withLoss = Spec(1.0, 0.01);

        var fresh = TrainInOrder(withLoss);
        var viaTwin = TrainInOrder(withLoss with { TargetLoss = null }, withLoss);

        Assert.False(fresh.Report.ReachedTarget, $"the fresh training reached its target ({fresh.Report.ValidationAccuracy:R}): the case needs one that does not");
        Assert.Equal((1, 0), (fresh.Trained, fresh.Cached));
        Assert.Equal((1, 1), (viaTwin.Trained, viaTwin.Cached));
        Assert.Equal(fresh.Weights, viaTwin.Weights);
        Assert.Equal(fresh.Report with { Seconds = 0 }, viaTwin.Report with { Seconds = 0, FromCache = false });
    }

    [Fact]
    public void Given_an_accuracy_only_twin_that_met_its_target_When_training_with_a_loss_target_Then_it_is_trained_afresh()
    {
        var withLoss = Spec(0.5, 1e-6);

        var run = TrainInOrder(withLoss with { TargetLoss = null }, withLoss);

        Assert.Equal((2, 0), (run.Trained, run.Cached));
        Assert.False(run.Report.ReachedTarget);
    }
}
