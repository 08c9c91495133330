using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Unit.Tests.Engine;

public sealed class TrainingDivergenceTests : IDisposable
{
    private readonly TempFolder _folder = new("repro-diverge-");
    private string Cache => _folder.Path;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Given_a_learning_rate_that_blows_up_When_training_Then_a_clear_error_names_the_loss_and_nothing_is_cached()
    {
        var data = DummyDatasets.Overlapping();
        var spec = new TrainingSpec { Optimizer = OptimizerKind.Sgd, LearningRate = 1e30, BatchSize = 4, TargetAccuracy = 1, TargetLoss = 1e-9, MaxEpochs = 200, EvaluateEverySteps = 1, ValidationHoldout = null };
        var e = Assert.Throws<InvalidOperationException>(() => new Trainer(Cache).TrainOrLoad(NetworkSpec.FcDummy, spec, new DatasetSplit(data, data)));
        Assert.Contains("diverged", e.Message);
        Assert.Contains("learning rate", e.Message);
        Assert.False(Directory.Exists(Cache) && Directory.EnumerateFiles(Cache).Any(), "a diverged training leaves no Cache entry");
    }
}
