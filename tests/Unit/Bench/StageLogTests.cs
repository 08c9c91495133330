using Repro.Experiments.Bench;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Attacks;
using Repro.Experiments.Runtime;
using Repro.Results;
using Repro.Tests.Shared;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Bench;

/// <summary>The stage log observes training and attacks without changing a number, and records what ran.</summary>
public sealed class StageLogTests
{
    static StageLogTests() => TorchRuntime.Configure(1);

    static TrainingSpec Training(int seed) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 2, TargetAccuracy = 1.0, MaxEpochs = 3, EvaluateEverySteps = 3, Seed = seed,
        ValidationHoldout = null,
    };

    [Fact]
    public void Given_a_training_with_and_without_a_stage_log_When_trained_Then_the_weights_and_cache_key_are_identical_and_training_and_evaluation_are_two_stages()
    {
        using var scope = NewDisposeScope();
        using var plain = new TempFolder();
        using var logged = new TempFolder();
        var data = new DatasetSplit(DummyDatasets.Tiling(), DummyDatasets.Tiling());
        var log = new StageLog { CurrentClaim = "C6" };

        using var a = new Trainer(plain.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(4), data);
        using var b = new Trainer(logged.Path, stages: log).TrainOrLoad(NetworkSpec.FcDummy, Training(4), data);
        using var cached = new Trainer(logged.Path, stages: log).TrainOrLoad(NetworkSpec.FcDummy, Training(4), data);

        Assert.Equal(a.Report.CacheKey, b.Report.CacheKey);
        Assert.Equal((a.Report.Steps, a.Report.Accuracy, a.Report.Loss), (b.Report.Steps, b.Report.Accuracy, b.Report.Loss));
        Assert.Equal(Engine.EngineKit.Weights(a.Model), Engine.EngineKit.Weights(b.Model));
        var stages = log.Stages;
        Assert.Equal([StageKind.Training, StageKind.Evaluation], stages.Select(s => s.Kind));
        Assert.All(stages, s => Assert.Equal("C6", s.Claim));
        Assert.StartsWith("train ", stages[0].Name);
        Assert.DoesNotContain(b.Report.CacheKey[(b.Report.CacheKey.LastIndexOf('-') + 1)..], stages[0].Name);   // the hash is left out
        int samples = DummyDatasets.Tiling().Count;
        Assert.Equal(FlopCount.Training(NetworkSpec.FcDummy, b.Report.Steps * 2L), stages[0].Flops);   // batch 2 divides the set
        Assert.True(samples % 2 == 0);
        Assert.All(stages, s => Assert.True(s.WallSeconds >= 0 && s.Flops > 0));
        Assert.Equal(1, log.CachedTrainings);   // the third call was answered by the cache and not timed
    }

    [Fact]
    public void Given_a_runner_with_an_attack_stage_When_run_in_two_batches_Then_each_batch_is_a_stage_and_the_images_equal_an_unlogged_run()
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 2);
        var attack = new InputGradientAttack(model, 4, new AttackSettings { LearningRate = 0.5, Stop = StopCondition.Iterations(7) });
        PerturbationRequest[] requests = [new("zero 0", Feed.Zero, 0), new("noise 1", Feed.Noise, 1), new("aai 2", Feed.AdversarialAverage, 2, 3)];
        var log = new StageLog();

        var plain = new PerturbationRunner(attack, 6, 6, maxBatch: 3).Run(requests, 5);
        var logged = new PerturbationRunner(attack, 6, 6, maxBatch: 3) { Stage = new AttackStage(log, "dummy FC s2", NetworkSpec.FcDummy) }.Run(requests, 5);

        Assert.Equal(plain.Select(r => r.Image), logged.Select(r => r.Image));
        var stages = log.Stages;
        Assert.Equal(2, stages.Count);   // 5 ADEs in batches of 3 and 2
        Assert.All(stages, s => Assert.Equal(StageKind.Attack, s.Kind));
        Assert.Equal("attack dummy FC s2 (3 ADEs, 7 it)", stages[0].Name);
        Assert.Equal(FlopCount.Forward(NetworkSpec.FcDummy) * 3 * (2 * 7 + 1), stages[0].Flops);
    }

    [Fact]
    public void Given_the_thread_clock_When_read_twice_on_linux_Then_it_is_finite_and_does_not_go_back()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the thread clock is read through clock_gettime on Linux (and macOS)");
        double first = ThreadClock.Seconds();
        double second = ThreadClock.Seconds();

        Assert.True(ThreadClock.Available);
        Assert.True(double.IsFinite(first) && first >= 0);
        Assert.True(second >= first);
    }
}
