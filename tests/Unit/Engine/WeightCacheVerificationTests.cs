using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Tests.Shared;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;
using Repro.Experiments.Runtime;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// A cached model is used only after its metadata matches its own SHA-256 and holds possible numbers, its weights match the
/// SHA-256 the metadata records, and it gives finite outputs; a path that is no regular file is refused by name at once.
/// </summary>
public sealed class WeightCacheVerificationTests
{
    sealed class Notices : IProgress<string>
    {
        public List<string> Lines { get; } = [];
        public void Report(string value) => Lines.Add(value);
    }

    sealed class Checks : IProgress<TrainingProgress>
    {
        public int Count { get; private set; }
        public void Report(TrainingProgress value) => Count++;
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
        // Sealed anew, as a consistent entry would be: only the outputs are wrong.
        File.WriteAllText(meta, JsonSerializer.Serialize(WeightCacheEntry.For(first.Report.CacheKey, sha, entry.Report)));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(5), Data);

        Assert.False(again.Report.FromCache);
        Assert.Contains("gives non-finite outputs on test images", Assert.Single(notices.Lines));
        Assert.All(Weights(again.Model).SelectMany(w => w), w => Assert.True(float.IsFinite(w)));
    }

    static WeightCacheEntry ReadEntry(string meta) => JsonSerializer.Deserialize<WeightCacheEntry>(File.ReadAllText(meta))!;

    [Fact]
    public void Given_metadata_whose_test_accuracy_was_edited_to_0_95_When_loaded_Then_it_is_refused_in_one_line_and_the_re_measured_report_is_returned()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(6), Data);
        var (weights, meta) = Entry(dir.Path, first);
        var entry = ReadEntry(meta);
        Assert.NotEqual(0.95, first.Report.Accuracy);
        File.WriteAllText(meta, JsonSerializer.Serialize(entry with { Report = entry.Report with { Accuracy = 0.95 } }));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(6), Data);

        Assert.False(again.Report.FromCache);
        Assert.Equal(first.Report with { Seconds = 0 }, again.Report with { Seconds = 0 });
        var line = Assert.Single(notices.Lines);
        Assert.StartsWith($"cached model {weights} has metadata that does not match its SHA-256 (edited or damaged", line);
        Assert.EndsWith("; retraining it.", line);
        Assert.Equal(first.Report.Accuracy, ReadEntry(meta).Report.Accuracy);
        using var third = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(6), Data);
        Assert.True(third.Report.FromCache, "the retrained entry is sound again");
        Assert.Equal(first.Report.Accuracy, third.Report.Accuracy);
    }

    [Theory]
    [InlineData("test accuracy", -5.0, "test accuracy -5 is outside [0, 1]")]
    [InlineData("test accuracy", 1.5, "test accuracy 1.5 is outside [0, 1]")]
    [InlineData("validation accuracy", -0.01, "validation accuracy -0.01 is outside [0, 1]")]
    [InlineData("test loss", -1.0, "test loss -1 is negative or not finite")]
    [InlineData("validation loss", -0.5, "validation loss -0.5 is negative or not finite")]
    [InlineData("epochs", -2.0, "epoch count -2 is negative or not finite")]
    public void Given_metadata_sealed_anew_around_an_out_of_range_number_When_loaded_Then_it_is_refused_and_retrained(string field, double value, string reason)
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(7), Data);
        var (weights, meta) = Entry(dir.Path, first);
        var entry = ReadEntry(meta);
        var r = entry.Report;
        var forged = field switch
        {
            "test accuracy" => r with { Accuracy = value },
            "validation accuracy" => r with { ValidationAccuracy = value },
            "test loss" => r with { Loss = value },
            "validation loss" => r with { ValidationLoss = value },
            "epochs" => r with { Epochs = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        // A forger who recomputes the seal: the hash matches, the number is still refused.
        File.WriteAllText(meta, JsonSerializer.Serialize(WeightCacheEntry.For(r.CacheKey, entry.WeightsSha256, forged)));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(7), Data);

        Assert.False(again.Report.FromCache);
        Assert.Equal(first.Report with { Seconds = 0 }, again.Report with { Seconds = 0 });
        Assert.Equal($"cached model {weights} has metadata that cannot be right ({reason}); retraining it.", Assert.Single(notices.Lines));
    }

    [Fact]
    public void Given_metadata_whose_loss_reads_1e999_When_loaded_Then_it_is_refused_and_retrained_without_a_crash()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(8), Data);
        var (weights, meta) = Entry(dir.Path, first);
        var json = File.ReadAllText(meta);
        var loss = $"\"Loss\":{JsonSerializer.Serialize(first.Report.Loss)}";
        Assert.Contains(loss, json);
        File.WriteAllText(meta, json.Replace(loss, "\"Loss\":1e999"));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(8), Data);

        Assert.False(again.Report.FromCache);
        Assert.Equal(first.Report.Loss, again.Report.Loss);
        // The JSON reader takes 1e999 as infinity: the range check refuses it before anything serialises it again.
        Assert.Equal($"cached model {weights} has metadata that cannot be right (test loss Infinity is negative or not finite); retraining it.",
            Assert.Single(notices.Lines));
    }

    [Fact]
    public void Given_a_sound_entry_of_another_seed_copied_under_this_key_When_loaded_Then_it_is_refused_and_retrained()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var other = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(9), Data);
        using var mine = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(10), Data);
        var (otherWeights, otherMeta) = Entry(dir.Path, other);
        var (weights, meta) = Entry(dir.Path, mine);
        File.Copy(otherWeights, weights, overwrite: true);
        File.Copy(otherMeta, meta, overwrite: true);
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(10), Data);

        Assert.False(again.Report.FromCache);
        Assert.Equal(Weights(mine.Model), Weights(again.Model));
        Assert.Contains($"it records the key {other.Report.CacheKey}, not its own", Assert.Single(notices.Lines));
    }

    [Fact]
    public void Given_an_entry_written_before_its_numbers_were_hashed_When_loaded_Then_it_is_refused_in_one_line_that_says_so_and_retrained()
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        using var first = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(11), Data);
        var (weights, meta) = Entry(dir.Path, first);
        var entry = ReadEntry(meta);
        // Format 3, as the training code before the seal wrote it: weights hash and report, nothing over the report.
        File.WriteAllText(meta, JsonSerializer.Serialize(new { Format = 3, entry.WeightsSha256, entry.Report }));
        var notices = new Notices();

        using var again = new Trainer(dir.Path, notices: notices).TrainOrLoad(NetworkSpec.FcDummy, Training(11), Data);

        Assert.False(again.Report.FromCache);
        Assert.Equal(
            $"cached model {weights} has metadata written before its numbers were hashed (format 3, no SHA-256 over its report), so they cannot be vouched for; retraining it.",
            Assert.Single(notices.Lines));
        var rewritten = ReadEntry(meta);
        Assert.Equal(WeightCacheEntry.CurrentFormat, rewritten.Format);
        Assert.Equal(WeightCacheEntry.Seal(first.Report.CacheKey, rewritten.WeightsSha256, rewritten.Report), rewritten.EntrySha256);
    }

    [Theory]
    [InlineData(".weights")]
    [InlineData(".json")]
    public void Given_a_directory_at_an_entry_path_When_training_Then_one_line_names_it_before_anything_is_trained(string extension)
    {
        using var scope = NewDisposeScope();
        using var dir = new TempFolder();
        string path = dir[Trainer.CacheKey(NetworkSpec.FcDummy, Training(12), Data) + extension];
        Directory.CreateDirectory(path);
        var log = new StageLog();
        var checks = new Checks();
        var notices = new Notices();

        var e = Assert.Throws<IOException>(() => new Trainer(dir.Path, notices: notices, stages: log).TrainOrLoad(NetworkSpec.FcDummy, Training(12), Data, checks));

        Assert.Equal($"the weight cache path {path} is a directory, where a cache entry's file belongs; remove it and rerun.", e.Message);
        Assert.Equal(0, checks.Count);
        Assert.Empty(log.Stages);
        Assert.Empty(notices.Lines);
        Directory.Delete(path);
        using var trained = new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(12), Data);
        Assert.False(trained.Report.FromCache);
    }

    [Fact]
    public async Task Given_a_FIFO_at_the_weights_path_When_training_Then_it_is_refused_by_name_without_being_opened()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("FIFOs are a Unix file type.");
        using var dir = new TempFolder();
        string path = dir[Trainer.CacheKey(NetworkSpec.FcDummy, Training(13), Data) + ".weights"];
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO blocks until a writer comes: on a worker, so that a regression fails instead of hanging.
        var run = Task.Run(() => new Trainer(dir.Path).TrainOrLoad(NetworkSpec.FcDummy, Training(13), Data), TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));

        Assert.True(first == run, "the FIFO blocked the trainer");
        var e = await Assert.ThrowsAsync<IOException>(() => run);
        Assert.Equal($"the weight cache path {path} is empty or not a regular file (a FIFO, socket or device), where a cache entry's file belongs; remove it and rerun.", e.Message);
    }
}
