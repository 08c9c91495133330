using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

public sealed class ClaimRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new("repro-runner-");
    private string Root => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private readonly List<string> _notices = [];

    private ClaimContext Context(ProfileSettings? profile = null) =>
        new(profile ?? Profiles.Quick, new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(Root, "data"), ReadEnvironment = false }), Root,
            notices: new ListProgress<string>(_notices));

    [Fact]
    public void Given_a_finished_record_When_the_jobs_or_the_study_extent_change_Then_it_is_still_resumed()
    {
        var claim = new CountingClaim("C9");
        new ClaimRunner(Context(), CountingClaim.Register("C9")).Run([claim]);
        new ClaimRunner(Context(Profiles.WithStudy(Profiles.Quick, "full") with { Parallelism = 7 }), CountingClaim.Register("C9")).Run([claim], resume: true);
        Assert.Equal(1, claim.Runs);
        Assert.Empty(_notices);
    }

    public static TheoryData<string, string> StaleCases => new()
    {
        { "profile", "was written under other profile settings" },
        { "threshold", "disagrees with the register now" },
        { "new check", "lacks 1 check(s) the register now has (e.g. 'd')" },
        { "verdict", "its verdict is NotRe where its checks give Re" },
        { "analysis", "holds check 'c' as primary, which the register now calls exploratory" },
        { "device", "was written with device cuda, this run uses cpu" },
        { "libtorch", "was written with libtorch 2.9.1, this run uses " },
        { "science code", "was written by other science code (version 0123456789abcdef, this is " },
        { "no science version", "was written before records kept the version of the science code that computed them" },
    };

    [Theory]
    [MemberData(nameof(StaleCases))]
    public void Given_a_finished_record_that_no_longer_stands_When_resuming_Then_the_user_is_told_why_in_one_line_and_the_claim_runs_again(string change, string says)
    {
        var claim = new CountingClaim("C9");
        new ClaimRunner(Context(), CountingClaim.Register("C9")).Run([claim]);
        var register = CountingClaim.Register("C9");
        var profile = Profiles.Quick;
        switch (change)
        {
            case "profile": profile = Profiles.Quick with { AttackLearningRate = 0.2 }; break;
            case "threshold": register = ThresholdRegister.Parse("2026-11-29\tC9\tc\tclaim\tm\t≥\t0.5\ta higher bar, later\n"); break;
            case "analysis": register = ThresholdRegister.Parse("2026-11-29\tC9\tc\tclaim\tm\t≥\t0\tre-read later\texploratory\n"); break;
            case "new check": register = ThresholdRegister.Parse("2026-11-29\tC9\tc\tclaim\tm\t≥\t0\tthe first\n2026-12-04\tC9\td\trecorded\tm2\t\t—\ta new value\n"); break;
            case "device" or "libtorch":
                var written = Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json");
                var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(written))!.AsObject();
                json["environment"]![change == "device" ? "device" : "libTorch"] = change == "device" ? "cuda" : "2.9.1";
                File.WriteAllText(written, json.ToJsonString());
                break;
            case "science code" or "no science version":
                var recorded = Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json");
                var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(recorded))!.AsObject();
                var environment = record["environment"]!.AsObject();
                if (change == "science code") environment["scienceVersion"] = "0123456789abcdef";
                else environment.Remove("scienceVersion");
                File.WriteAllText(recorded, record.ToJsonString());
                break;
            case "verdict":
                var path = Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json");
                File.WriteAllText(path, File.ReadAllText(path).Replace("\"verdict\": \"Re\"", "\"verdict\": \"NotRe\"", StringComparison.Ordinal));
                break;
        }
        new ClaimRunner(Context(profile), register).Run([claim], resume: true);
        Assert.Equal(2, claim.Runs);
        var notice = Assert.Single(_notices);
        Assert.Contains("C9.json", notice);
        Assert.Contains(says, notice);
        Assert.EndsWith("running C9 again.", notice);
    }

    [Fact]
    public void Given_a_finished_record_When_resuming_Then_the_claim_is_not_run_again()
    {
        var claim = new CountingClaim("C9");
        new ClaimRunner(Context(), CountingClaim.Register("C9")).Run([claim]);
        var runner = new ClaimRunner(Context(), CountingClaim.Register("C9"));
        var again = runner.Run([claim], resume: true);
        Assert.Equal(1, claim.Runs);
        Assert.Equal(Verdict.Re, again.Single().Verdict);
        Assert.Equal(["C9"], runner.Resumed);
    }

    [Fact]
    public void Given_a_finished_record_of_another_commit_When_resuming_Then_it_is_resumed_with_one_line_naming_both_commits()
    {
        var claim = new CountingClaim("C9");
        new ClaimRunner(Context(), CountingClaim.Register("C9")).Run([claim]);
        var path = Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json");
        var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        record["environment"]!["commit"] = "0123456789abcdef0123456789abcdef01234567";
        File.WriteAllText(path, record.ToJsonString());

        var runner = new ClaimRunner(Context(), CountingClaim.Register("C9"));
        runner.Run([claim], resume: true);

        Assert.Equal(1, claim.Runs);
        Assert.Equal(["C9"], runner.Resumed);
        var now = Repro.Experiments.Runtime.SourceVersion.GitCommit();
        if (now == "unknown") Assert.Empty(_notices);
        else Assert.Contains("was written by commit 0123456789ab, this is ", Assert.Single(_notices));
    }

    [Fact]
    public void Given_a_not_run_record_When_resuming_Then_the_claim_runs_again_and_is_not_counted_as_resumed()
    {
        // A 'not run' record was left by an earlier run that stopped; the table must not call the rerun "(earlier run)".
        var claim = new CountingClaim("C9");
        new ClaimRunner(Context(), CountingClaim.Register("C9")).Run([claim]);
        var path = Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json");
        var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        record["verdict"] = "NotRun";
        record["checks"] = new System.Text.Json.Nodes.JsonArray();
        File.WriteAllText(path, record.ToJsonString());

        var runner = new ClaimRunner(Context(), CountingClaim.Register("C9"));
        runner.Run([claim], resume: true);

        Assert.Equal(2, claim.Runs);
        Assert.Empty(runner.Resumed);
    }

    [Fact]
    public void Given_a_damaged_record_When_resuming_Then_the_claim_runs_again_and_the_record_is_replaced()
    {
        var claim = new CountingClaim("C9");
        Directory.CreateDirectory(ClaimContext.ResultsDirectory(Root, "quick"));
        File.WriteAllText(Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json"), "{ \"id\": \"C9\", trunc");
        var results = new ClaimRunner(Context()).Run([claim], resume: true);
        Assert.Equal(1, claim.Runs);
        Assert.Equal("C9", ResultStore.Read(Path.Combine(ClaimContext.ResultsDirectory(Root, "quick"), "C9.json")).Id);
        Assert.Single(results);
    }
}
