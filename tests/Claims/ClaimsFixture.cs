using System.Collections.Concurrent;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Runtime;
using Repro.Experiments.Sensitivity;
using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// One claim context for the whole run: the twelve networks and their attacks are shared by C3,
/// C4, C5 and C7, and every claim runs once however many tests read it. Device: REPRO_DEVICE (cpu by default). Profile: REPRO_PROFILE
/// (quick by default); the sensitivity study's extent: REPRO_STUDY (budget, the profile's, by default; full: every cell). Results go to artifacts/results/&lt;id&gt;.json, models to artifacts/models.
/// </summary>
public sealed class ClaimsFixture : IDisposable
{
    private readonly StageLog _stages = new();
    private readonly ConcurrentDictionary<string, Lazy<ClaimResult>> _results = new();

    public ClaimsFixture()
    {
        TorchRuntime.Configure(1);
        var profile = Profiles.WithStudy(Profiles.Get(Environment.GetEnvironmentVariable("REPRO_PROFILE") ?? "quick"),
            Environment.GetEnvironmentVariable("REPRO_STUDY") ?? "budget");
        var store = new DatasetStore(new DatasetStoreOptions { CacheDirectory = RepoPaths.DataCache });
        // REPRO_DEVICE=cuda on a GPU runner (the gpu workflow); the CPU otherwise, where one seed gives identical results.
        var device = TorchRuntime.ResolveDevice(Environment.GetEnvironmentVariable("REPRO_DEVICE") ?? "cpu");
        Context = new ClaimContext(profile, store, RepoPaths.ArtifactsRoot, device, stages: _stages);
        _sensitivity = new(() => new SensitivityStudy(Context).Run(resume: false));
    }

    public ClaimContext Context { get; }

    /// <summary>
    /// Writes the suite's stage table (artifacts/bench/stages.json) when any stage ran (a suite that ran nothing keeps the
    /// last table), so a cold test run also measures where its time goes.
    /// </summary>
    public void Dispose()
    {
        if (!_stages.Stages.Any()) return;
        // The yardstick is measured now, not when the suite starts: `dotnet test Repro.sln` runs the other test projects
        // beside this one at first, and a probe sharing the cores with them measured a third of the idle rate.
        var rates = MatmulProbe.Measure([1, Environment.ProcessorCount]);
        var concurrent = MatmulProbe.MeasureConcurrent(Environment.ProcessorCount);
        TorchRuntime.Configure(1);
        var table = _stages.ToTable("dotnet test (claims suite)", Context.Profile.Name, Context.Profile.Parallelism, 1, rates, [], concurrent);
        if (!table.Counted.Any()) return;
        var dir = Path.Combine(RepoPaths.ArtifactsRoot, "bench");
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, StageTable.JsonName), table.ToJson());
        AtomicFile.WriteAllText(Path.Combine(dir, StageTable.CsvName), table.ToCsv());
    }

    public ClaimResult Get(string id) => _results.GetOrAdd(id, i => new Lazy<ClaimResult>(() =>
        new ClaimRunner(Context).Run([ClaimCatalog.Get(i)]).Single())).Value;

    private readonly Lazy<SensitivityRecord> _sensitivity;

    /// <summary>The sensitivity study, run afresh once (after the claims it is compared with) into artifacts/results/sensitivity.json.</summary>
    public SensitivityRecord Sensitivity => _sensitivity.Value;
}

[CollectionDefinition(Name)]
public sealed class ClaimsCollection : ICollectionFixture<ClaimsFixture>
{
    public const string Name = "Claims";
}

/// <summary>Assertions that show the check, its per-seed values, interval, p and threshold.</summary>
public static class ClaimAssert
{
    /// <summary>
    /// The claim check is [Re]; or, where the suite has recorded that it is not (<see cref="KnownFindings"/>), it still has
    /// the recorded outcome, and the test is skipped with the numbers as its reason, so a green run never reads as [Re].
    /// A recorded outcome that changes, or an unrecorded one that is not [Re], fails.
    /// </summary>
    public static Check Holds(ClaimResult result, string checkName)
    {
        var check = Find(result, checkName);
        Assert.Equal(CheckKind.Claim, check.Kind);
        string shown = $"{result.Id} [{result.Profile}] {check.Name}: {RecordBuilder.Describe(check)} → {VerdictText.Of(check.Outcome)}";
        // What the profile's budget prevented is neither [Re] nor a finding: skipped with the cap that stopped the network.
        if (check.Outcome == CheckOutcome.NotTested)
        {
            Assert.True(check.Note?.StartsWith(VerdictText.NotTestedText, StringComparison.Ordinal) == true && check.Note.Contains("epoch cap"),
                $"{shown}: a check not tested at this budget must name the epoch cap that stopped its network (note: {check.Note})");
            Assert.Skip($"{check.Note}; measured {RecordBuilder.Describe(check)}");
        }
        if (KnownFindings.IsFinding(result.Profile, result.Id, check.Name, out var recorded, out var why))
        {
            Assert.True(check.Outcome == recorded,
                $"{shown}; recorded as {VerdictText.Of(recorded)} ({why}): the outcome changed, update KnownFindings and the README");
            Assert.Skip($"{VerdictText.Of(check.Outcome)} recorded finding: {RecordBuilder.Describe(check)} ({why})");
        }
        Assert.True(check.Outcome == CheckOutcome.Re, shown);
        return check;
    }

    /// <summary>
    /// A sanity check holds on every seed; a failed one makes the run invalid, which is never a finding. A Table 1 precondition
    /// that only the profile's epoch cap kept from holding is not tested at this budget, and skipped with the seeds it names.
    /// </summary>
    public static void Sane(ClaimResult result, string checkName)
    {
        var check = Find(result, checkName);
        Assert.Equal(CheckKind.Sanity, check.Kind);
        if (check.Outcome == CheckOutcome.NotTested)
            Assert.Skip($"{VerdictText.NotTestedText}: {check.Note}, per seed {string.Join(", ", check.PerSeed)}");
        Assert.True(check.Outcome == CheckOutcome.Holds,
            $"{result.Id} sanity check '{check.Name}' fails: {RecordBuilder.Describe(check)}, per seed {string.Join(", ", check.PerSeed.Select(v => v.ToString("G4")))}");
    }

    /// <summary>A recorded value is in the record, one value per seed.</summary>
    public static void IsRecorded(ClaimResult result, string checkName)
    {
        var check = Find(result, checkName);
        Assert.Equal(CheckKind.Recorded, check.Kind);
        Assert.NotEmpty(check.PerSeed);
        Assert.Equal(check.Seeds.Count, check.PerSeed.Count);
    }

    private static Check Find(ClaimResult result, string checkName) =>
        result.Checks.SingleOrDefault(c => c.Name == checkName)
        ?? throw new Xunit.Sdk.XunitException($"{result.Id} has no check named '{checkName}' (registered in {ThresholdRegister.FileName}); it has: {string.Join(", ", result.Checks.Select(c => c.Name))}");

    /// <summary>The record is complete, every registered check is in it and every check in it is registered, and its verdict follows its checks.</summary>
    public static void IsComplete(ClaimResult r)
    {
        Assert.False(string.IsNullOrWhiteSpace(r.PaperWords));
        Assert.False(string.IsNullOrWhiteSpace(r.Section));
        Assert.NotEmpty(r.Seeds);
        Assert.NotEmpty(r.Checks);
        Assert.NotEmpty(r.Readings);
        Assert.True(r.Parameters.ContainsKey("profile"), "the resolved profile is saved with the result");
        Assert.True(r.WallSeconds > 0);
        var registered = ThresholdRegister.Embedded.Current.Where(e => e.Claim == r.Id).Select(e => e.Check).Order().ToList();
        Assert.Equal(registered, r.Checks.Select(c => c.Name).Order().ToList());
        foreach (var c in r.Checks) Assert.Null(ThresholdRegister.Embedded.Disagreement(r.Id, c));
        Verdict Expected(string analysis)
        {
            var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim && c.Analysis == analysis).ToList();
            var tested = claims.Where(c => c.Outcome != CheckOutcome.NotTested).ToList();
            return r.Checks.Any(c => c.Outcome == CheckOutcome.Fails) ? Verdict.InvalidRun
                : claims.Count == 0 ? Verdict.Recorded
                : tested.Count == 0 ? Verdict.NotTested
                : tested.All(c => c.Outcome == CheckOutcome.Re) ? (tested.Count == claims.Count ? Verdict.Re : Verdict.ReWhereTested)
                : tested.Any(c => c.Outcome == CheckOutcome.NotRe) ? Verdict.NotRe : Verdict.Inconclusive;
        }
        // The claim's verdict is its primary analysis'; the exploratory re-readings have their own, or none.
        Assert.Equal(Expected(RegisterEntry.Primary), r.Verdict);
        bool exploratory = r.Checks.Any(c => c.Kind == CheckKind.Claim && c.Analysis == RegisterEntry.Exploratory);
        Assert.Equal(exploratory ? Expected(RegisterEntry.Exploratory) : null, r.ExploratoryVerdict);
        foreach (var c in r.Checks) Assert.Equal(ThresholdRegister.Embedded.CurrentOf(r.Id, c.Name)!.Analysis, c.Analysis);
    }
}
