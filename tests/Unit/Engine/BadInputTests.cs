using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>Bad input is a clear error, naming the offending value, before any work is done.</summary>
public sealed class BadInputTests
{
    static TrainingSpec Training => new() { Optimizer = OptimizerKind.Sgd, TargetAccuracy = 1.0, MaxEpochs = 1, Seed = 1 };

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Given_fewer_than_two_classes_When_building_an_attack_Then_it_throws_naming_the_count(int classes)
    {
        using var scope = NewDisposeScope();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new InputGradientAttack(Linear(), classes, new AttackSettings()));

        Assert.Contains("two classes", e.Message);
        Assert.Contains($"got {classes}", e.Message);
    }

    [Fact]
    public void Given_a_single_class_When_computing_PNCs_Then_it_throws_naming_the_count()
    {
        var one = new Dataset("one-class", new float[8], [0, 0], 2, 2, 1);

        var e = Assert.Throws<ArgumentException>(() => Pnc.Compute(one));
        var raw = Assert.Throws<ArgumentException>(() => Pnc.Compute(new float[4], [0], 4, 1));

        Assert.Contains("two classes", e.Message);
        Assert.Contains("got 1", e.Message);
        Assert.Contains("got 1", raw.Message);
    }

    [Fact]
    public void Given_a_class_without_samples_When_computing_PNCs_Then_it_throws_naming_the_class()
    {
        var e = Assert.Throws<ArgumentException>(() => Pnc.Compute(new Dataset("gap", new float[8], [0, 2], 2, 2, 3)));

        Assert.Contains("Class 1", e.Message);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void Given_a_target_class_outside_the_range_When_attacking_Then_it_throws_naming_the_target_and_the_range(int target)
    {
        using var scope = NewDisposeScope();
        var model = new NanModel();   // any work would show as a diverged result, not an exception

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Attack(model).Run(Zeros(2), [0, target]));

        Assert.Contains($"Target class {target}", e.Message);
        Assert.Contains("0..3", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Given_a_non_positive_iteration_limit_When_validating_or_building_or_running_an_attack_Then_it_throws_naming_the_limit(int limit)
    {
        using var scope = NewDisposeScope();
        var stop = new StopCondition(MaxIterations: limit);

        var validate = Assert.Throws<ArgumentOutOfRangeException>(stop.Validate);
        var build = Assert.Throws<ArgumentOutOfRangeException>(() => new InputGradientAttack(Linear(), Classes, new AttackSettings { Stop = stop }));
        var run = Assert.Throws<ArgumentOutOfRangeException>(() => Attack(Linear()).Run(Zeros(2), [0, 1], [StopCondition.Iterations(3), stop]));
        var request = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PerturbationRunner(Attack(Linear()), Side, Side).Run([new PerturbationRequest("bad", Feed.Zero, 0, Stop: stop)], 1));

        foreach (var e in new[] { validate, build, run, request })
        {
            Assert.Equal("MaxIterations", e.ParamName);
            Assert.Contains($"got {limit}", e.Message);
        }
    }

    [Theory]
    [InlineData(double.NaN, null)]
    [InlineData(-0.1, null)]
    [InlineData(null, 0.0)]
    [InlineData(null, 1.5)]
    public void Given_a_loss_or_confidence_threshold_out_of_range_When_validating_Then_it_throws_naming_the_value(double? maxLoss, double? minConfidence)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(new StopCondition(maxLoss, minConfidence).Validate);

        Assert.Contains($"got {maxLoss ?? minConfidence}", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Given_a_non_positive_or_non_finite_learning_rate_When_building_an_attack_Then_it_throws_naming_it(double lr)
    {
        using var scope = NewDisposeScope();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Attack(Linear(), lr));

        Assert.Contains($"got {lr}", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Given_a_non_positive_training_batch_size_When_training_Then_it_throws_naming_the_size_before_touching_the_cache(int batch)
    {
        using var dir = new TempFolder();
        var cache = Path.Combine(dir.Path, "cache");
        var spec = Training with { BatchSize = batch };

        var validate = Assert.Throws<ArgumentOutOfRangeException>(spec.Validate);
        var train = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(cache).TrainOrLoad(NetworkSpec.FcDummy, spec, new DatasetSplit(DummyDatasets.Tiling(), DummyDatasets.Tiling())));

        Assert.Contains($"got {batch}", validate.Message);
        Assert.Contains($"got {batch}", train.Message);
        Assert.False(Directory.Exists(cache));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Given_a_non_positive_maximum_batch_When_running_perturbations_Then_it_throws_naming_the_size(int maxBatch)
    {
        using var scope = NewDisposeScope();
        var runner = new PerturbationRunner(Attack(new NanModel()), Side, Side, maxBatch: maxBatch);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => runner.Run([new PerturbationRequest("zero", Feed.Zero, 0)], 1));

        Assert.Equal("maxBatch", e.ParamName);
        Assert.Contains($"got {maxBatch}", e.Message);
    }

    [Fact]
    public void Given_images_of_different_sizes_When_correlating_Then_it_throws_naming_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Correlation.Pearson(new float[36], new float[25]));
        var o = Assert.Throws<ArgumentException>(() => Correlation.OrthogonalTo(new float[36], new float[36], new float[25]));

        Assert.Contains("36", e.Message);
        Assert.Contains("25", e.Message);
        Assert.Contains("different sizes", o.Message);
    }

    [Fact]
    public void Given_an_input_that_is_not_batch_channel_height_width_When_attacking_Then_it_throws_naming_the_shape()
    {
        using var scope = NewDisposeScope();
        var attack = Attack(Linear());

        var flat = Assert.Throws<ArgumentException>(() => attack.Run(zeros(2, 36), [0, 1]));
        var scalar = Assert.Throws<ArgumentException>(() => attack.Run(tensor(0f), [0]));
        var empty = Assert.Throws<ArgumentException>(() => attack.Run(zeros(0, 1, Side, Side), []));
        var counts = Assert.Throws<ArgumentException>(() => attack.Run(Zeros(3), [0, 1]));

        Assert.Contains("[2, 36]", flat.Message);
        Assert.Contains("[]", scalar.Message);
        Assert.Contains("empty", empty.Message);
        Assert.Contains("3 inputs but 2 targets", counts.Message);
    }

    [Fact]
    public void Given_an_input_whose_image_size_does_not_fit_the_network_When_attacking_Then_it_throws_and_leaves_the_model_as_it_was()
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        model.train();

        var e = Assert.ThrowsAny<Exception>(() => Attack(model).Run(zeros(2, 1, 5, 5), [0, 1]));

        Assert.Contains("25", e.Message);
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
        Assert.True(model.training);
    }

    [Fact]
    public void Given_a_dataset_whose_image_size_or_class_count_does_not_match_the_network_When_training_Then_it_throws_naming_both_before_touching_the_cache()
    {
        using var dir = new TempFolder();
        var cache = Path.Combine(dir.Path, "cache");
        var small = DummyDatasets.Tiling(5, 2);
        var threeClasses = new Dataset("three", new float[3 * 36], [0, 1, 2], 6, 6, 3);

        var size = Assert.Throws<ArgumentException>(() => new Trainer(cache).TrainOrLoad(NetworkSpec.FcDummy, Training, new DatasetSplit(small, small)));
        var classes = Assert.Throws<ArgumentException>(() => new Trainer(cache).TrainOrLoad(NetworkSpec.FcDummy, Training, new DatasetSplit(threeClasses, threeClasses)));

        Assert.Contains("5x5", size.Message);
        Assert.Contains("6x6", size.Message);
        Assert.Contains("3 classes", classes.Message);
        Assert.Contains("4", classes.Message);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public void Given_a_network_spec_whose_input_width_does_not_match_its_image_size_When_creating_Then_it_throws_naming_both()
    {
        var spec = NetworkSpec.FcDummy with { FcLayers = [25, 10, 4] };

        var e = Assert.Throws<ArgumentException>(() => spec.Create());

        Assert.Contains("25", e.Message);
        Assert.Contains("6x6", e.Message);
    }

    [Fact]
    public void Given_a_model_whose_output_is_NaN_When_attacking_Then_every_sample_is_reported_diverged_with_its_input_untouched()
    {
        using var scope = NewDisposeScope();
        var input = Batch(2, Wave);

        var result = Attack(new NanModel(), 0.1, StopCondition.Iterations(50)).Run(input, [0, 1]);

        Assert.Equal(2, result.DivergedCount);
        Assert.Equal(0, result.Steps);
        Assert.All(result.Examples, e =>
        {
            Assert.Equal(StopReason.Diverged, e.StoppedBy);
            Assert.True(e.Diverged);
            Assert.Equal(0, e.Iterations);
            Assert.True(double.IsNaN(e.Loss));
            Assert.Equal(e.Initial, e.Final);
        });
    }

    [Fact]
    public void Given_a_model_whose_output_is_NaN_When_running_a_feed_Then_the_perturbation_is_reported_failed_not_passed_on_as_an_image()
    {
        using var scope = NewDisposeScope();
        var runner = new PerturbationRunner(Attack(new NanModel(), 0.1, StopCondition.Iterations(50)), Side, Side);

        var results = runner.Run([new PerturbationRequest("noise", Feed.Noise, 1), new PerturbationRequest("aai", Feed.AdversarialAverage, 2, Count: 3)], 5);

        Assert.All(results, r =>
        {
            Assert.True(r.Failed);
            Assert.Equal(r.Examples.Count, r.Diverged);
            Assert.Equal(r.Examples.Count, r.StoppedBy[StopReason.Diverged]);
        });
    }
}
