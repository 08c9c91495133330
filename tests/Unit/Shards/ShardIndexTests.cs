using Repro.Experiments.Shards;

namespace Repro.Unit.Tests.Shards;

/// <summary>Which shard a run computes: "I/N" from --shard or REPRO_SHARD, or a Slurm array task's position in its array.</summary>
public sealed class ShardIndexTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData(" 3/3 ", 3, 3)]
    public void Given_I_of_N_When_parsed_Then_it_is_that_shard(string text, int index, int count) =>
        Assert.Equal(new ShardIndex(index, count), ShardIndex.Parse(text, "--shard"));

    [Theory]
    [InlineData("0/3", "the shard must be 1 to 3")]
    [InlineData("4/3", "the shard must be 1 to 3")]
    [InlineData("1/0", "the number of shards must be 1 to 1000")]
    [InlineData("1/1001", "the number of shards must be 1 to 1000")]
    [InlineData("2", "must be I/N")]
    [InlineData("a/b", "must be I/N")]
    [InlineData("-1/3", "must be I/N")]
    [InlineData("1/2/3", "must be I/N")]
    public void Given_a_shard_that_is_no_shard_When_parsed_Then_one_line_names_the_setting_and_the_value(string text, string says)
    {
        var e = Assert.Throws<FormatException>(() => ShardIndex.Parse(text, "--shard"));
        Assert.StartsWith("--shard", e.Message);
        Assert.Contains(says, e.Message);
        Assert.Contains(text.Trim(), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData(" None ")]
    public void Given_none_When_read_as_a_setting_Then_it_is_the_whole_run(string text) => Assert.Null(ShardIndex.ParseSetting(text, "--shard"));

    static Func<string, string?> Env(params (string Key, string Value)[] values) => k => values.FirstOrDefault(v => v.Key == k).Value;

    [Fact]
    public void Given_a_slurm_array_from_4_to_6_When_task_5_asks_Then_it_is_shard_2_of_3()
    {
        var index = ShardIndex.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "4"), ("SLURM_ARRAY_TASK_COUNT", "3")));
        Assert.Equal(new ShardIndex(2, 3), index);
    }

    [Fact]
    public void Given_a_slurm_array_without_its_minimum_When_task_0_asks_Then_it_counts_from_0() =>
        Assert.Equal(new ShardIndex(1, 3), ShardIndex.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "3"))));

    [Fact]
    public void Given_no_slurm_array_When_asked_Then_there_is_no_shard() => Assert.Null(ShardIndex.FromSlurm(Env()));

    [Theory]
    [InlineData("x", "3")]
    [InlineData("1", "")]
    public void Given_slurm_variables_that_do_not_read_When_asked_Then_one_line_names_them(string id, string count)
    {
        var e = Assert.Throws<FormatException>(() => ShardIndex.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_COUNT", count))));
        Assert.Contains("SLURM_ARRAY_TASK_ID", e.Message);
        Assert.Contains("--shard I/N", e.Message);
    }

    [Fact]
    public void Given_a_non_contiguous_slurm_array_When_a_task_beyond_the_count_asks_Then_it_is_refused()
    {
        // --array=0,10 has two tasks; task 10 would be shard 11 of 2.
        var e = Assert.Throws<FormatException>(() => ShardIndex.FromSlurm(Env(("SLURM_ARRAY_TASK_ID", "10"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "2"))));
        Assert.Contains("the shard must be 1 to 2", e.Message);
    }
}
