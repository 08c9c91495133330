using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

public sealed class ClaimRunnerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "repro-runner-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    private ClaimContext Context() =>
        new(Profiles.Quick, new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(_root, "data"), ReadEnvironment = false }), _root);

    [Fact]
    public void Given_a_finished_record_When_resuming_Then_the_claim_is_not_run_again()
    {
        var claim = new CountingClaim("C9");
        new ClaimRunner(Context()).Run([claim]);
        var again = new ClaimRunner(Context()).Run([claim], resume: true);
        Assert.Equal(1, claim.Runs);
        Assert.Equal(Verdict.Re, again.Single().Verdict);
    }

    [Fact]
    public void Given_a_damaged_record_When_resuming_Then_the_claim_runs_again_and_the_record_is_replaced()
    {
        var claim = new CountingClaim("C9");
        Directory.CreateDirectory(Path.Combine(_root, "results"));
        File.WriteAllText(Path.Combine(_root, "results", "C9.json"), "{ \"id\": \"C9\", trunc");
        var results = new ClaimRunner(Context()).Run([claim], resume: true);
        Assert.Equal(1, claim.Runs);
        Assert.Equal("C9", ResultStore.Read(Path.Combine(_root, "results", "C9.json")).Id);
        Assert.Single(results);
    }
}
