using System.Security.Cryptography;
using System.Text.Json;
using Repro.Experiments.Data;
using Repro.Experiments.Models;

using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>A cached model is used only after its weights match the SHA-256 its metadata records and it gives finite outputs.</summary>
public sealed class WeightCacheVerificationTests
{
    sealed class Notices : IProgress<string>
    {
        public List<string> Lines { get; } = [];
        public void Report(string value) => Lines.Add(value);
    }

    static readonly DatasetSplit Data = new(DummyDatasets.Tiling(), DummyDatasets.Tiling());

    static TrainingSpec Training(int seed) => new()
    {
        Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 2, TargetAccuracy = 1.0, MaxEpochs = 5, EvaluateEverySteps = 3, Seed = seed,
        ValidationHoldout = null,
    };

    static (string Weights, string Meta) Entry(string dir, TrainedNetwork trained) =>
        (Path.Combine(dir, trained.Report.CacheKey + ".weights"), Path.Combine(dir, trained.Report.CacheKey + ".json"));

    [Fact]
    public void Given_a_cached_weights_file_with_4_KiB_overwritten_When_loaded_Then_it_is_detected_retrained_and_said_in_one_line()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(3), Data);
        var (weights, _) = Entry(dir.Path, first);
        var bytes = File.ReadAllBytes(weights);
        new Random(1).NextBytes(bytes.AsSpan(bytes.Length / 2 - 2048, 4096));
        File.WriteAllBytes(weights, bytes);
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(3), Data);

        Assert.False(again.Report.FromCache);
        var line = Assert.Single(notices.Lines);
        Assert.StartsWith($"cached model {weights} failed verification (SHA-256 ", line);
        Assert.EndsWith("; retraining it.", line);
        Assert.Equal(Weights(first.Model), Weights(again.Model));
        using var third = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(3), Data);
        Assert.True(third.Report.FromCache, "the retrained entry is sound again");
    }

    [Fact]
    public void Given_metadata_of_the_older_format_without_a_hash_When_loaded_Then_the_model_is_retrained()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(4), Data);
        var (_, meta) = Entry(dir.Path, first);
        File.WriteAllText(meta, JsonSerializer.Serialize(first.Report));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(4), Data);

        Assert.False(again.Report.FromCache);
        Assert.Contains("has metadata of an older format (no weights SHA-256)", Assert.Single(notices.Lines));
    }

    [Fact]
    public void Given_a_consistent_entry_whose_network_outputs_NaN_When_loaded_Then_it_is_never_used()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(5), Data);
        var (weights, meta) = Entry(dir.Path, first);
        using (no_grad())
        using (var nan = float.NaN.ToScalar())
            first.Model.parameters().First().fill_(nan);
        first.Model.save(weights);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights)));
        var entry = JsonSerializer.Deserialize<WeightCacheEntry>(File.ReadAllText(meta))!;
        File.WriteAllText(meta, JsonSerializer.Serialize(entry with { WeightsSha256 = sha }));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(5), Data);

        Assert.False(again.Report.FromCache);
        Assert.Contains("gives non-finite outputs on test images", Assert.Single(notices.Lines));
        Assert.All(Weights(again.Model).SelectMany(w => w), w => Assert.True(float.IsFinite(w)));
    }
}
