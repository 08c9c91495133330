using Repro.Experiments.Attacks;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>Same seed, same numbers: model initialisation, noise feed, attack and training.</summary>
public sealed class DeterminismTests
{
    static readonly PerturbationRequest[] Requests =
    [
        new("noise-0", Feed.Noise, 0),
        new("noise-3", Feed.Noise, 3),
        new("zero-1", Feed.Zero, 1),
        new("aai-2", Feed.AdversarialAverage, 2, Count: 3),
    ];

    static IReadOnlyList<PerturbationResult> Perturb(int modelSeed, int noiseSeed)
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, modelSeed);
        var runner = new PerturbationRunner(Attack(model, 0.5, StopCondition.Iterations(20)), Side, Side);
        return runner.Run(Requests, noiseSeed);
    }

    static TrainingSpec Training(int seed) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 2, TargetAccuracy = 1.0, MaxEpochs = 5, EvaluateEverySteps = 3, Seed = seed,
        ValidationHoldout = null,
    };

    [Fact]
    public void Given_two_models_from_the_same_seed_When_created_Then_their_weights_are_bit_identical_and_another_seed_differs()
    {
        using var scope = NewDisposeScope();

        var a = Weights(Trainer.CreateSeeded(NetworkSpec.FcDummy, 5));
        var b = Weights(Trainer.CreateSeeded(NetworkSpec.FcDummy, 5));
        var c = Weights(Trainer.CreateSeeded(NetworkSpec.FcDummy, 6));

        Assert.Equal(a, b);
        Assert.NotEqual(a[0], c[0]);
    }

    [Fact]
    public void Given_identical_seeded_models_and_one_noise_seed_When_running_the_feeds_twice_Then_every_image_and_example_is_bit_identical()
    {
        var first = Perturb(modelSeed: 3, noiseSeed: 42);
        var second = Perturb(modelSeed: 3, noiseSeed: 42);
        var otherNoise = Perturb(modelSeed: 3, noiseSeed: 43);

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Image, second[i].Image);
            Assert.Equal(first[i].Examples.Count, second[i].Examples.Count);
            for (int k = 0; k < first[i].Examples.Count; k++)
            {
                var (x, y) = (first[i].Examples[k], second[i].Examples[k]);
                Assert.Equal(x.Initial, y.Initial);
                Assert.Equal(x.Final, y.Final);
                Assert.Equal((x.Loss, x.TargetConfidence, x.Iterations, x.StoppedBy), (y.Loss, y.TargetConfidence, y.Iterations, y.StoppedBy));
            }
        }
        Assert.Equal(3, first[3].Examples.Count);
        Assert.All(first[2].Examples[0].Initial, v => Assert.Equal(0f, v));
        Assert.Contains(first[0].Examples[0].Initial, v => v != 0);
        Assert.NotEqual(first[0].Examples[0].Initial, otherNoise[0].Examples[0].Initial);
        Assert.Equal(first[2].Image, otherNoise[2].Image);   // the zero feed does not use the noise
    }

    [Fact]
    public void Given_one_seed_When_training_twice_into_separate_caches_Then_the_weights_are_bit_identical_and_a_third_call_loads_them_from_the_cache()
    {
        using var scope = NewDisposeScope();
        using var dir1 = new TempFolder();
        using var dir2 = new TempFolder();
        var data = new DatasetSplit(DummyDatasets.Tiling(), DummyDatasets.Tiling());
        var initial = Weights(Trainer.CreateSeeded(NetworkSpec.FcDummy, 9));

        using var a = new Trainer(dir1.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(9), data);
        using var b = new Trainer(dir2.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(9), data);
        using var cached = new Trainer(dir1.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(9), data);

        Assert.False(a.Report.FromCache);
        Assert.False(b.Report.FromCache);
        Assert.True(a.Report.Steps > 0);
        Assert.Equal(a.Report.CacheKey, b.Report.CacheKey);
        Assert.Equal((a.Report.Steps, a.Report.Accuracy, a.Report.Loss), (b.Report.Steps, b.Report.Accuracy, b.Report.Loss));
        var wa = Weights(a.Model);
        Assert.Equal(wa, Weights(b.Model));
        Assert.NotEqual(initial[0], wa[0]);   // training changed the weights

        Assert.True(cached.Report.FromCache);
        Assert.Equal((a.Report.Steps, a.Report.Accuracy, a.Report.Loss), (cached.Report.Steps, cached.Report.Accuracy, cached.Report.Loss));
        Assert.Equal(wa, Weights(cached.Model));
    }
}
