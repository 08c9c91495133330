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
/// (quick by default); the sensitivity study's extent: REPRO_STUDY (budget, the profile's, by default; full: every cell). Results go to artifacts/results/&lt;profile&gt;/&lt;id&gt;.json, models to artifacts/models, white-box attacks to artifacts/attacks: a
/// claim test after `reproduce` runs its analysis again but finds every training and attack there.
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

    /// <summary>The claim's record, run once through the same <see cref="ReproductionRun"/> as <c>reproduce</c> (its shared experiments first, as units).</summary>
    public ClaimResult Get(string id) => _results.GetOrAdd(id, i => new Lazy<ClaimResult>(() =>
    {
        var outcome = new ReproductionRun(Context).Run([ClaimCatalog.Get(i)], resume: false).Single();
        if (outcome.Error is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        return outcome.Result!;
    })).Value;

    private readonly Lazy<SensitivityRecord> _sensitivity;

    /// <summary>The sensitivity study, run afresh once (after the claims it is compared with) into artifacts/results/sensitivity.json.</summary>
    public SensitivityRecord Sensitivity => _sensitivity.Value;
}

[CollectionDefinition(Name)]
public sealed class ClaimsCollection : ICollectionFixture<ClaimsFixture>
{
    public const string Name = "Claims";
}
