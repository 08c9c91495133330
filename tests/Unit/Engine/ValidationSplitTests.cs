using System.Text.Json;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// Training stops on a validation split held out of the training set, never on the test set: the held-out images are never
/// trained on, and the report gives the test set's accuracy and loss beside the split's.
/// </summary>
public sealed class ValidationSplitTests
{
    const int Trained = 12, Holdout = 4;

    sealed class Notices : IProgress<string>
    {
        public List<string> Lines { get; } = [];
        public void Report(string value) => Lines.Add(value);
    }

    /// <summary>6×6 images of deterministic pseudo-random pixels, with the given labels.</summary>
    static Dataset Images(string name, int seed, params int[] labels)
    {
        var rng = new Random(seed);
        var pixels = new float[labels.Length * Pixels];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.NextSingle();
        return new Dataset(name, pixels, labels, Side, Side, Classes);
    }

    static Dataset Concat(string name, Dataset a, Dataset b) =>
        new(name, [.. a.Images, .. b.Images], [.. a.Labels, .. b.Labels], Side, Side, Classes);

    /// <summary>An image twice, with two labels: no network classifies both right, so a target accuracy of 1 is never reached.</summary>
    static Dataset Conflicting(string name, int seed, int[] labels)
    {
        var one = Images(name, seed, 0);
        var other = Images(name, seed + 1, labels[2], labels[3]);
        return new Dataset(name, [.. one.Images, .. one.Images, .. other.Images], labels, Side, Side, Classes);
    }

    static readonly Dataset Learned = Images("learned", 1, [.. Enumerable.Range(0, Trained).Select(i => i % Classes)]);
    static readonly Dataset Test = Conflicting("test", 30, [2, 3, 0, 1]);

    /// <summary>The twelve learned images followed by four held-out ones that differ between <paramref name="variant"/>s.</summary>
    static DatasetSplit Data(int variant) => new(
        Concat($"split-{variant}", Learned, variant == 0 ? Conflicting("holdout-a", 10, [0, 1, 2, 3]) : Conflicting("holdout-b", 20, [3, 2, 1, 0])),
        Test);

    static TrainingSpec Training(int? holdout = Holdout, int? samples = null) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 4, TargetAccuracy = 1.0, MaxEpochs = 3, EvaluateEverySteps = 2, Seed = 7,
        ValidationHoldout = holdout, ValidationSamples = samples,
    };

    [Fact]
    public void Given_a_new_training_spec_When_read_Then_it_holds_out_10000_training_images()
    {
        var spec = new TrainingSpec { Optimizer = OptimizerKind.Adam, TargetAccuracy = 0.9 };

        Assert.Equal(10_000, spec.ValidationHoldout);
        Assert.Equal(10_000, TrainingSpec.DefaultValidationHoldout);
    }

    [Fact]
    public void Given_60000_training_images_and_the_default_spec_When_partitioned_Then_the_first_50000_are_trained_on_and_the_last_10000_validate()
    {
        var train = new Dataset("sixty-thousand", new float[60_000], new int[60_000], 1, 1, 1);
        var test = new Dataset("ten-thousand", new float[10_000], new int[10_000], 1, 1, 1);
        var spec = new TrainingSpec { Optimizer = OptimizerKind.Sgd, TargetAccuracy = 0.9 };

        var all = TrainingPartition.Of(spec, new DatasetSplit(train, test));
        var quick = TrainingPartition.Of(spec with { ValidationSamples = 2_000 }, new DatasetSplit(train, test));

        Assert.Equal(new TrainingPartition(50_000, false, 50_000, 10_000), all);
        Assert.Equal(new TrainingPartition(50_000, false, 50_000, 2_000), quick);
    }

    [Fact]
    public void Given_no_holdout_When_partitioned_Then_every_training_image_is_trained_on_and_the_check_reads_the_first_test_images()
    {
        var data = Data(0);

        Assert.Equal(new TrainingPartition(Trained + Holdout, true, 0, Test.Count), TrainingPartition.Of(Training(holdout: null), data));
        Assert.Equal(new TrainingPartition(Trained + Holdout, true, 0, 3), TrainingPartition.Of(Training(holdout: null, samples: 3), data));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(10_000)]
    public void Given_a_holdout_at_least_the_training_set_size_When_training_Then_one_line_names_ValidationHoldout_before_touching_the_cache(int holdout)
    {
        using var dir = new TempFolder();
        var cache = Path.Combine(dir.Path, "cache");

        var e = Assert.Throws<ArgumentException>(() => new Trainer(cache).TrainOrLoad(NetworkSpec.FcDummy, Training(holdout), Data(0)));

        Assert.StartsWith($"ValidationHoldout = {holdout} must be smaller than the 16 training images of split-0", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(Directory.Exists(cache));
    }

    [Fact]
    public void Given_a_non_positive_holdout_When_validating_Then_it_throws_naming_the_setting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(Training(holdout: 0).Validate);

        Assert.Equal(nameof(TrainingSpec.ValidationHoldout), e.ParamName);
        Assert.Contains("got 0", e.Message);
    }

    [Fact]
    public void Given_two_datasets_that_differ_only_in_the_held_out_images_When_trained_Then_the_weights_are_bit_identical_unless_nothing_is_held_out()
    {
        using var scope = NewDisposeScope();
        using var dirs = new TempFolder();

        float[][] Train(int variant, int? holdout)
        {
            using var net = new Trainer(Path.Combine(dirs.Path, $"{variant}-{holdout}")).TrainOrLoad(NetworkSpec.FcDummy, Training(holdout), Data(variant));
            Assert.False(net.Report.ReachedTarget, "the conflicting images keep the target out of reach, so both runs take every step");
            return Weights(net.Model);
        }

        var heldOutA = Train(0, Holdout);
        var heldOutB = Train(1, Holdout);
        var allA = Train(0, null);
        var allB = Train(1, null);

        Assert.Equal(heldOutA, heldOutB);   // the held-out images never reached a gradient
        Assert.NotEqual(allA[0], allB[0]);   // the control: trained on, the same images do change the weights
    }

    [Fact]
    public void Given_a_held_out_split_When_trained_Then_the_report_has_the_test_sets_accuracy_and_the_splits_validation_accuracy_and_the_cache_keeps_both()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        var data = Data(0);
        var spec = Training(samples: 3);

        using var net = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, spec, data);
        using var cached = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, spec, data);

        var r = net.Report;
        var split = TrainingPartition.Of(spec, data).Validation(data);
        Assert.Equal((Trained, 3), (r.TrainingSamples, r.ValidationSamples));
        Assert.Equal(data.Train.Subset([Trained, Trained + 1, Trained + 2]).Images, split.Images);
        Assert.Equal(Evaluator.Evaluate(net.Model, Test), (r.Accuracy, r.Loss));
        Assert.Equal(Evaluator.Evaluate(net.Model, split), (r.ValidationAccuracy, r.ValidationLoss));
        Assert.NotEqual(r.Loss, r.ValidationLoss);
        Assert.True(cached.Report.FromCache);
        Assert.Equal(r with { FromCache = true }, cached.Report);
    }

    [Fact]
    public void Given_a_cache_entry_of_the_previous_training_code_When_training_Then_it_is_retrained_not_reused()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        var data = Data(0);
        var spec = Training();
        string oldKey = Trainer.CacheKey(NetworkSpec.FcDummy, spec, data, Trainer.TrainingCodeVersion - 1);
        string key = Trainer.CacheKey(NetworkSpec.FcDummy, spec, data);
        using (var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, spec, data))
            Assert.Equal(key, first.Report.CacheKey);
        foreach (var ext in new[] { ".weights", ".json" })
            File.Move(dir[key + ext], dir[oldKey + ext]);

        // Under the previous version's key, even a sound entry is never looked up.
        using (var again = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, spec, data))
            Assert.False(again.Report.FromCache);
        Assert.NotEqual(oldKey, key);

        // Under the current key, metadata in the previous layout (format 2: no validation numbers) is retrained, not read with zeros.
        var entry = JsonSerializer.Deserialize<WeightCacheEntry>(File.ReadAllText(dir[key + ".json"]))!;
        var r = entry.Report;
        File.WriteAllText(dir[key + ".json"], JsonSerializer.Serialize(new
        {
            Format = 2, entry.WeightsSha256,
            Report = new { r.Accuracy, r.Loss, r.Epochs, r.Steps, r.ReachedTarget, r.Seconds, r.FromCache, r.CacheKey },
        }));
        var notices = new Notices();
        using (var third = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, spec, data))
            Assert.False(third.Report.FromCache);
        Assert.Contains($"has metadata of format 2, not {WeightCacheEntry.CurrentFormat}", Assert.Single(notices.Lines));
    }

    [Fact]
    public void Given_training_with_a_held_out_split_When_it_returns_and_the_model_is_disposed_Then_no_tensor_is_left_alive()
    {
        using var dir = new TempFolder();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(), Data(0))) { }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
