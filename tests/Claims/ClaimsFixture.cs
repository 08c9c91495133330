using System.Collections.Concurrent;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Runtime;
using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// One claim context for the whole run: the twelve networks and their attacks are shared by C3,
/// C4, C5 and C7, and every claim runs once however many tests read it. Device: REPRO_DEVICE (cpu by default). Profile: REPRO_PROFILE
/// (quick by default). Results go to artifacts/results/&lt;id&gt;.json, models to artifacts/models.
/// </summary>
public sealed class ClaimsFixture
{
    private readonly ConcurrentDictionary<string, Lazy<ClaimResult>> _results = new();

    public ClaimsFixture()
    {
        TorchRuntime.Configure(1);
        var profile = Profiles.Get(Environment.GetEnvironmentVariable("REPRO_PROFILE") ?? "quick");
        var store = new DatasetStore(new DatasetStoreOptions { CacheDirectory = RepoPaths.DataCache });
        // REPRO_DEVICE=cuda on a GPU runner (the gpu workflow); the CPU otherwise, where one seed gives identical results.
        var device = TorchRuntime.ResolveDevice(Environment.GetEnvironmentVariable("REPRO_DEVICE") ?? "cpu");
        Context = new ClaimContext(profile, store, RepoPaths.ArtifactsRoot, device);
    }

    public ClaimContext Context { get; }

    public ClaimResult Get(string id) => _results.GetOrAdd(id, i => new Lazy<ClaimResult>(() =>
        new ClaimRunner(Context).Run([ClaimCatalog.Get(i)]).Single())).Value;
}

[CollectionDefinition(Name)]
public sealed class ClaimsCollection : ICollectionFixture<ClaimsFixture>
{
    public const string Name = "Claims";
}

/// <summary>Assertions that show metric, threshold and measured value.</summary>
public static class ClaimAssert
{
    /// <summary>
    /// The check holds, or, where the suite has recorded that it does not reproduce
    /// (<see cref="KnownFindings"/>), the finding still stands: the check still fails on a finite
    /// measurement. A finding that stops holding fails the test, so the record gets updated.
    /// </summary>
    public static Check Holds(ClaimResult result, string checkName)
    {
        var check = result.Checks.SingleOrDefault(c => c.Name == checkName)
                    ?? throw new Xunit.Sdk.XunitException($"{result.Id} has no check named '{checkName}'; it has: {string.Join(", ", result.Checks.Select(c => c.Name))}");
        string shown = $"{result.Id} [{result.Profile}] {check.Name}: {check.Metric} = {check.Measured:G6}, threshold {check.Comparison} {check.Threshold:G6}";
        if (KnownFindings.IsFinding(result.Profile, result.Id, check.Name, out var why))
        {
            Assert.False(double.IsNaN(check.Measured), $"{shown}: the measurement is NaN");
            Assert.False(check.Passed, $"{shown}: recorded as not reproduced ({why}) but it now passes; update KnownFindings and the README");
            // The finding still stands: report it as skipped with its numbers, so a green run never reads as [Re].
            Assert.Skip($"[¬Re] recorded finding: {check.Metric} = {check.Measured:G3}, threshold {check.Comparison} {check.Threshold:G3} ({why})");
        }
        else
        {
            Assert.True(check.Passed, shown);
        }
        return check;
    }

    /// <summary>The record is complete: every field the report needs is there.</summary>
    public static void IsComplete(ClaimResult r)
    {
        Assert.False(string.IsNullOrWhiteSpace(r.PaperWords));
        Assert.False(string.IsNullOrWhiteSpace(r.Section));
        Assert.NotEmpty(r.Seeds);
        Assert.NotEmpty(r.Checks);
        Assert.NotEmpty(r.Metrics);
        Assert.NotEmpty(r.Readings);
        Assert.True(r.Parameters.ContainsKey("profile"), "the resolved profile is saved with the result");
        Assert.True(r.WallSeconds > 0);
        Assert.NotEqual(Verdict.NotRun, r.Verdict);
        Assert.Equal(r.Checks.All(c => c.Passed) ? Verdict.Re : Verdict.NotRe, r.Verdict);
    }
}
