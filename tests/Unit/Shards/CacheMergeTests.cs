using System.Text.Json;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Shards;
using Repro.Tests.Shared;

namespace Repro.Unit.Tests.Shards;

/// <summary>
/// The merge is a copy, checked: a shard's files are taken only when its manifest is of this science code and vouches for them,
/// a file that fails its own seal is refused, and a unit two shards computed must hold the same results (the seconds may
/// differ), or both copies are refused so that reproduce computes it again. Each refusal is one line naming the file.
/// </summary>
public sealed class CacheMergeTests : IDisposable
{
    readonly TempFolder _root = new("repro-merge-");
    readonly List<string> _notices = [];
    public void Dispose() => _root.Dispose();

    string Shard(int i) => _root[$"shard-{i}"];
    string Merged => _root["merged"];
    string Attack(string dir, string key) => Path.Combine(dir, "attacks", key + ".attack");

    static readonly string KeyA = new('a', 64), KeyB = new('b', 64);

    static void WriteAttack(string artifacts, string key, double seconds, float value) =>
        new AttackCache(Path.Combine(artifacts, "attacks")).Write(key,
            [new PerturbationResult(new PerturbationRequest("zero 1", Feed.Zero, 1), [value, 0f],
                [new AdversarialExample(1, [0f, 0f], [value, 0f], 10, 0.1, 0.9, 1, StopReason.MaxIterations)])], seconds);

    static void WriteWeights(string artifacts, string key, byte[] weights, double seconds, double accuracy = 0.9)
    {
        var models = Path.Combine(artifacts, "models");
        Directory.CreateDirectory(models);
        File.WriteAllBytes(Path.Combine(models, key + ".weights"), weights);
        var report = new TrainingReport(accuracy, 0.3, accuracy, 0.3, 100, 10, 1, 4, true, seconds, false, key);
        var entry = WeightCacheEntry.For(key, ShardManifest.Sha256(Path.Combine(models, key + ".weights")), report);
        File.WriteAllText(Path.Combine(models, key + ".json"), JsonSerializer.Serialize(entry));
    }

    static void Seal(string artifacts, int index = 1, int count = 1, string plan = "plan-a") =>
        ShardManifest.Of(artifacts, new Shard(index, count, []), plan, "quick", []).Write(artifacts);

    CacheMerge.Summary Merge(params string[] sources) => CacheMerge.Merge(sources, Merged, new ListProgress<string>(_notices));

    [Fact]
    public void Given_two_shards_with_other_units_When_merged_Then_every_file_is_copied_and_reads_back_as_written()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        WriteWeights(Shard(1), "net-s0", [1, 2, 3], 4.0);
        Seal(Shard(1), 1, 2);
        WriteAttack(Shard(2), KeyB, 2.5, 0.5f);
        Seal(Shard(2), 2, 2);

        var summary = Merge(Shard(1), Shard(2));

        Assert.Equal(new CacheMerge.Summary(4, 0, 0), summary);
        Assert.Empty(_notices);
        Assert.Equal(File.ReadAllBytes(Attack(Shard(1), KeyA)), File.ReadAllBytes(Attack(Merged, KeyA)));
        Assert.Equal(File.ReadAllBytes(Attack(Shard(2), KeyB)), File.ReadAllBytes(Attack(Merged, KeyB)));
        Assert.Null(AttackCache.Verify(Attack(Merged, KeyA)));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(Merged, "models", "net-s0.weights")));
    }

    [Fact]
    public void Given_one_unit_in_two_shards_with_the_same_results_and_other_seconds_When_merged_Then_the_first_copy_stands()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        WriteWeights(Shard(1), "net-s0", [1, 2, 3], 4.0);
        Seal(Shard(1), 1, 2);
        WriteAttack(Shard(2), KeyA, 9.5, 0.25f);
        WriteWeights(Shard(2), "net-s0", [1, 2, 3], 7.0);
        Seal(Shard(2), 2, 2);

        var summary = Merge(Shard(1), Shard(2));

        Assert.Equal(new CacheMerge.Summary(3, 3, 0), summary);
        Assert.Empty(_notices);
        Assert.Equal(File.ReadAllBytes(Attack(Shard(1), KeyA)), File.ReadAllBytes(Attack(Merged, KeyA)));
    }

    [Theory]
    [InlineData("attack")]
    [InlineData("weights")]
    [InlineData("training numbers")]
    public void Given_one_unit_in_two_shards_with_other_results_When_merged_Then_both_copies_are_refused_by_name_and_the_unit_is_left_to_compute(string differs)
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        WriteWeights(Shard(1), "net-s0", [1, 2, 3], 4.0);
        Seal(Shard(1), 1, 2);
        WriteAttack(Shard(2), KeyA, 1.5, differs == "attack" ? 0.75f : 0.25f);
        WriteWeights(Shard(2), "net-s0", differs == "weights" ? [1, 2, 4] : [1, 2, 3], 4.0, accuracy: differs == "training numbers" ? 0.8 : 0.9);
        Seal(Shard(2), 2, 2);

        var summary = Merge(Shard(1), Shard(2));

        Assert.Equal(1, summary.Refused);
        var line = Assert.Single(_notices);
        Assert.Contains("both refused", line);
        Assert.Contains(Shard(2), line);
        Assert.Contains(Merged, line);
        if (differs == "attack") Assert.False(File.Exists(Attack(Merged, KeyA)), "the attack is computed again");
        else
        {
            Assert.False(File.Exists(Path.Combine(Merged, "models", "net-s0.weights")), "the training is computed again");
            Assert.False(File.Exists(Path.Combine(Merged, "models", "net-s0.json")), "its entry goes with its weights");
        }
    }

    [Fact]
    public void Given_two_shards_that_disagree_on_a_unit_When_a_third_holds_it_too_Then_it_stays_refused()
    {
        foreach (var (i, value) in new[] { (1, 0.25f), (2, 0.75f), (3, 0.25f) })
        {
            WriteAttack(Shard(i), KeyA, 1.5, value);
            Seal(Shard(i), i, 3);
        }

        var summary = Merge(Shard(1), Shard(2), Shard(3));

        Assert.Equal(new CacheMerge.Summary(1, 0, 1), summary);
        Assert.False(File.Exists(Attack(Merged, KeyA)), "a unit two shards disagree on is computed again, whatever a third holds");
    }

    [Fact]
    public void Given_shards_of_two_plans_and_a_missing_shard_When_merged_Then_one_line_says_each_and_their_units_are_merged_all_the_same()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        Seal(Shard(1), 1, 3, plan: "plan-a");
        WriteAttack(Shard(2), KeyB, 1.5, 0.5f);
        Seal(Shard(2), 2, 3, plan: "plan-b");

        var summary = Merge(Shard(1), Shard(2));

        Assert.Equal(new CacheMerge.Summary(2, 0, 0), summary);
        Assert.Contains(_notices, n => n.Contains("2 different plans", StringComparison.Ordinal) && n.Contains("plan-a", StringComparison.Ordinal) && n.Contains("plan-b", StringComparison.Ordinal));
        Assert.Contains(_notices, n => n.Contains("shards 2/3, 3/3 of plan plan-a are not among the merged folders", StringComparison.Ordinal));
        Assert.Contains(_notices, n => n.Contains("shards 1/3, 3/3 of plan plan-b", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_damaged_attack_already_in_the_merged_folder_When_a_shard_holds_a_sound_one_Then_the_sound_one_replaces_it()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        Seal(Shard(1));
        Directory.CreateDirectory(Path.Combine(Merged, "attacks"));
        File.WriteAllText(Attack(Merged, KeyA), "half a file");

        var summary = Merge(Shard(1));

        Assert.Equal(new CacheMerge.Summary(1, 0, 0), summary);
        var line = Assert.Single(_notices);
        Assert.StartsWith($"{Attack(Merged, KeyA)} ", line);
        Assert.Contains($"replaced by {Attack(Shard(1), KeyA)}", line);
        Assert.Equal(File.ReadAllBytes(Attack(Shard(1), KeyA)), File.ReadAllBytes(Attack(Merged, KeyA)));
    }

    [Fact]
    public void Given_a_listed_file_that_is_empty_When_merged_Then_it_is_refused_without_being_read()
    {
        Directory.CreateDirectory(Path.Combine(Shard(1), "attacks"));
        File.WriteAllBytes(Attack(Shard(1), KeyA), []);
        Seal(Shard(1));

        var summary = Merge(Shard(1));

        Assert.Equal(new CacheMerge.Summary(0, 0, 1), summary);
        Assert.Contains("is empty, or not a regular file", Assert.Single(_notices));
    }

    [Fact]
    public void Given_a_folder_without_a_manifest_When_merged_Then_one_line_says_it_is_no_shard_and_nothing_of_it_is_copied()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);

        var summary = Merge(Shard(1));

        Assert.Equal(new CacheMerge.Summary(0, 0, 1), summary);
        Assert.Contains("has no shard.json", Assert.Single(_notices));
        Assert.False(Directory.Exists(Path.Combine(Merged, "attacks")));
    }

    [Fact]
    public void Given_a_shard_of_other_science_code_When_merged_Then_one_line_names_its_manifest_and_both_versions_and_nothing_is_copied()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        Seal(Shard(1));
        var path = Path.Combine(Shard(1), ShardManifest.FileName);
        var m = ShardManifest.TryRead(Shard(1))! with { ScienceVersion = "0123456789abcdef" };
        m.Write(Shard(1));

        var summary = Merge(Shard(1));

        Assert.Equal(1, summary.Refused);
        Assert.Equal(0, summary.Copied);
        var line = Assert.Single(_notices);
        Assert.Contains(path, line);
        Assert.Contains("0123456789abcdef", line);
        Assert.Contains(Repro.Experiments.Runtime.ScienceVersion.All, line);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format\": 9}")]
    public void Given_a_manifest_that_does_not_read_When_merged_Then_one_line_names_it_and_nothing_is_copied(string text)
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        File.WriteAllText(Path.Combine(Shard(1), ShardManifest.FileName), text);

        var summary = Merge(Shard(1));

        Assert.Equal(new CacheMerge.Summary(0, 0, 1), summary);
        Assert.Contains(Path.Combine(Shard(1), ShardManifest.FileName), Assert.Single(_notices));
    }

    [Fact]
    public void Given_a_file_changed_after_its_shard_listed_it_When_merged_Then_it_is_refused_by_name_and_the_others_are_copied()
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        WriteAttack(Shard(1), KeyB, 1.5, 0.5f);
        Seal(Shard(1));
        var bytes = File.ReadAllBytes(Attack(Shard(1), KeyA));
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(Attack(Shard(1), KeyA), bytes);

        var summary = Merge(Shard(1));

        Assert.Equal(new CacheMerge.Summary(1, 0, 1), summary);
        var line = Assert.Single(_notices);
        Assert.Contains(Attack(Shard(1), KeyA), line);
        Assert.Contains("SHA-256 differs", line);
        Assert.False(File.Exists(Attack(Merged, KeyA)));
        Assert.True(File.Exists(Attack(Merged, KeyB)));
    }

    [Theory]
    [InlineData("attack")]
    [InlineData("entry")]
    [InlineData("weights")]
    public void Given_a_shard_that_listed_a_damaged_file_When_merged_Then_the_file_fails_its_own_seal_and_is_refused(string damaged)
    {
        WriteAttack(Shard(1), KeyA, 1.5, 0.25f);
        WriteWeights(Shard(1), "net-s0", [1, 2, 3], 4.0);
        string path = damaged switch
        {
            "attack" => Attack(Shard(1), KeyA),
            "entry" => Path.Combine(Shard(1), "models", "net-s0.json"),
            _ => Path.Combine(Shard(1), "models", "net-s0.weights"),
        };
        if (damaged == "entry") File.WriteAllText(path, File.ReadAllText(path).Replace("\"Accuracy\":0.9", "\"Accuracy\":0.95", StringComparison.Ordinal));
        else
        {
            var bytes = File.ReadAllBytes(path);
            bytes[^1] ^= 0x40;
            File.WriteAllBytes(path, bytes);
        }
        Seal(Shard(1));

        var summary = Merge(Shard(1));

        Assert.True(summary.Refused >= 1);
        Assert.Contains(_notices, n => n.Contains(path, StringComparison.Ordinal) && n.Contains("refused", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Merged, Path.GetRelativePath(Shard(1), path))));
    }

    [Theory]
    [InlineData("../escape.attack")]
    [InlineData("attacks/../../escape.attack")]
    [InlineData("results/quick/C1.json")]
    public void Given_a_manifest_that_names_a_file_outside_the_caches_When_merged_Then_it_is_left_out_with_one_line(string relative)
    {
        Directory.CreateDirectory(Shard(1));
        var m = new ShardManifest(ShardManifest.CurrentFormat, "1/1", "plan-a", "quick", Repro.Experiments.Runtime.ScienceVersion.All, "x", DateTimeOffset.UnixEpoch, [], [],
            new Dictionary<string, string> { [relative] = new string('0', 64) });
        m.Write(Shard(1));

        var summary = Merge(Shard(1));

        Assert.Equal(new CacheMerge.Summary(0, 0, 1), summary);
        Assert.Contains("which is no cache file", Assert.Single(_notices));
        Assert.False(File.Exists(_root["escape.attack"]));
    }
}
