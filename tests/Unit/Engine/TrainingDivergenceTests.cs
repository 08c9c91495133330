using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Unit.Tests.Engine;

public sealed class TrainingDivergenceTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "repro-diverge-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, true);
    }

    [Fact]
    public void Given_a_learning_rate_that_blows_up_When_training_Then_a_clear_error_names_the_loss_and_nothing_is_cached()
    {
        var data = DummyDatasets.Overlapping();
        var spec = new TrainingSpec { Optimizer = OptimizerKind.Sgd, LearningRate = 1e30, BatchSize = 4, TargetAccuracy = 1, TargetLoss = 1e-9, MaxEpochs = 200, EvaluateEverySteps = 1, ValidationHoldout = null };
        var e = Assert.Throws<InvalidOperationException>(() => new Trainer(_cache).TrainOrLoad(NetworkSpec.FcDummy, spec, new DatasetSplit(data, data)));
        Assert.Contains("diverged", e.Message);
        Assert.Contains("learning rate", e.Message);
        Assert.False(Directory.Exists(_cache) && Directory.EnumerateFiles(_cache).Any(), "a diverged training leaves no _cache entry");
    }
}
