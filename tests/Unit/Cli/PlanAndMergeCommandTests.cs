using System.Text.Json.Nodes;
using Repro.Cli;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;
using Repro.Experiments.Claims;

namespace Repro.Unit.Tests.Cli;

/// <summary>
/// 'repro plan' prints the matrix a CI engine reads and the table a person reads; 'repro merge' and '--shard' refuse what
/// they cannot use with one line. These run the real commands, which train and attack nothing.
/// </summary>
public sealed class PlanAndMergeCommandTests : IDisposable
{
    readonly TempFolder _folder = new("repro-plan-");
    public void Dispose() => _folder.Dispose();

    async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--out", _folder["out"]], CliIo.Plain(output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Given_three_shards_When_the_plan_is_printed_as_json_Then_its_matrix_lists_each_shard_and_every_unit_is_in_one_of_them()
    {
        var (code, output, error) = await Run("plan", "--shards", "3", "--format", "json");

        Assert.True(code == ExitCodes.Ok, error);
        var plan = JsonNode.Parse(output)!;
        Assert.Equal(["1/3", "2/3", "3/3"], plan["matrix"]!["shard"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("reproduce", plan["verb"]!.GetValue<string>());
        var units = plan["plan"]!.AsArray().SelectMany(s => s!["units"]!.AsArray()).Select(u => u!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(units.Count, units.Distinct().Count());
        Assert.Equal(Table1Networks.Jobs(Profiles.Quick).Count, units.Count(u => u.StartsWith("Table 1 network ", StringComparison.Ordinal)));
        Assert.Contains("claim C2 · seed 0", units);
        Assert.Equal(["C3", "C4a", "C4b", "C5", "C7", "C8", "C9"], plan["merge"]!["claims"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Empty(error);
    }

    [Fact]
    public async Task Given_the_same_plan_When_printed_twice_Then_it_is_the_same_so_every_machine_of_a_matrix_agrees()
    {
        var first = await Run("plan", "--shards", "4", "--format", "json");
        var second = await Run("plan", "--shards", "4", "--format", "json");
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Given_claims_only_When_the_plan_is_printed_as_text_Then_it_names_the_verb_each_shard_and_how_to_run_it()
    {
        var (code, output, _) = await Run("plan", "--only", "C1,C6", "--shards", "2");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Plan of 'claims --only C1,C6'", output);
        Assert.Contains("1/2", output);
        Assert.Contains("2/2", output);
        Assert.Contains("repro claims --only C1,C6 --shard I/2", output);
    }

    [Theory]
    [InlineData(new[] { "plan", "--shards", "0" }, "--shards must be between 1 and 1000, got 0")]
    [InlineData(new[] { "plan", "--format", "yaml" }, "--format must be")]
    [InlineData(new[] { "reproduce", "--shard", "3/2" }, "--shard: the shard must be 1 to 2, got 3 in '3/2'")]
    [InlineData(new[] { "claims", "--shard", "x" }, "--shard must be I/N")]
    [InlineData(new[] { "merge" }, "merge")]
    public async Task Given_a_plan_shard_or_merge_command_line_that_cannot_be_used_When_run_Then_it_exits_2_with_one_line(string[] args, string says)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(says, line);
    }

    [Fact]
    public async Task Given_a_shard_folder_that_does_not_exist_When_merged_Then_one_line_names_it_and_nothing_is_written()
    {
        var (code, _, error) = await Run("merge", _folder["no-such-shard"]);

        Assert.Equal(ExitCodes.Failed, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(_folder["no-such-shard"], line);
        Assert.Contains("does not exist", line);
    }

    [Fact]
    public async Task Given_a_folder_no_shard_wrote_When_merged_Then_a_warning_names_it_and_the_summary_counts_it_refused()
    {
        Directory.CreateDirectory(_folder["plain"]);

        var (code, output, error) = await Run("merge", _folder["plain"]);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"{_folder["plain"]} has no shard.json", error);
        Assert.Contains("0 file(s) copied, 0 already there with the same results, 1 refused", output);
    }
}
