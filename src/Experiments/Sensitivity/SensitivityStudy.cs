using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Experiments.Sensitivity;

/// <summary>
/// Reruns the claims of <see cref="SensitivityCatalogue"/> under every alternative reading, one reading changed at a time,
/// and writes artifacts/results/&lt;profile&gt;/sensitivity.json after each cell, so an interrupted study resumes cell by cell. A finished study
/// of other parameters is never replaced by a partial one: the new study is written beside it (sensitivity.partial.json) and
/// replaces it only when complete. Networks come from the weight cache wherever the reading does not touch training.
/// </summary>
public sealed class SensitivityStudy(ClaimContext context, IReadOnlyList<ReadingAlternative>? alternatives = null)
{
    public IReadOnlyList<ReadingAlternative> Alternatives { get; } = alternatives ?? SensitivityCatalogue.Alternatives;

    /// <summary>The cells in run order, each named "reading: alternative · claim" (the key progress reports use).</summary>
    public IReadOnlyList<string> CellNames => NamesOf(Alternatives, context.Profile.StudyClaims);

    /// <param name="atBudget">The claims whose cells run (null: every claim).</param>
    public static IReadOnlyList<string> NamesOf(IReadOnlyList<ReadingAlternative> alternatives, IReadOnlyList<string>? atBudget = null) =>
        alternatives.SelectMany(a => a.Description.Claims.Where(c => atBudget is null || atBudget.Contains(c)).Select(c => CellName(a.Description, c))).ToList();

    public static string CellName(SensitivityAlternative a, string claim) => $"{a.Key} · {claim}";

    public SensitivityRecord Run(bool resume)
    {
        var watch = Stopwatch.StartNew();
        var study = SensitivityCatalogue.StudyProfile(context.Profile);
        var parameters = Parameters(study);
        var descriptions = Alternatives.Select(a => a.Description).ToList();
        // The claims this budget runs; the others' cells stay 'not tested at this budget' unless an earlier, fuller study left them.
        var atBudget = context.Profile.StudyClaims ?? SensitivityCatalogue.Claims;
        var cells = new List<SensitivityCell>();
        double earlier = 0;
        // Where cells go while the study runs: the record itself, unless that is a sound study of other parameters, kept until this one is complete.
        bool besideFinished = ReadSound(context.Results.TryReadSensitivity) is { } onDisk && (onDisk.Profile != context.Profile.Name || !JsonNode.DeepEquals(onDisk.Parameters, parameters));
        if (resume && Finished(parameters, descriptions) is { } previous)
        {
            cells.AddRange(previous.Cells.Where(c => descriptions.Any(d => d.Reading == c.Reading && d.Name == c.Alternative && d.Claims.Contains(c.Claim))));
            earlier = previous.WallSeconds;
        }
        SensitivityRecord Record() => new()
        {
            SchemaVersion = ResultSchema.CurrentVersion,
            Profile = context.Profile.Name, Parameters = parameters, Alternatives = descriptions, Claims = SensitivityCatalogue.Claims,
            ClaimsAtBudget = atBudget.Count == SensitivityCatalogue.Claims.Count ? null : atBudget.ToList(),
            Cells = cells.ToList(), WallSeconds = earlier + watch.Elapsed.TotalSeconds, Environment = context.Environment(),
        };

        foreach (var alternative in Alternatives)
            foreach (var claimId in alternative.Description.Claims)
            {
                var a = alternative.Description;
                if (!atBudget.Contains(claimId) || cells.Any(c => c.Reading == a.Reading && c.Alternative == a.Name && c.Claim == claimId)) continue;
                context.Cancel.ThrowIfCancellationRequested();
                cells.Add(RunCell(study, alternative, claimId, cells));
                if (besideFinished) context.Results.WritePartial(Record());
                else context.Results.Write(Record());
                context.Progress?.Report(new ClaimProgress(CellName(a, claimId), "done", 1));
            }
        var record = Record();
        context.Results.CommitSensitivity(record);
        return record;
    }

    /// <summary>The cells a <see cref="Run"/> with <paramref name="resume"/> would compute: those at the budget that no sound earlier study of the same parameters finished.</summary>
    public IReadOnlyList<string> Pending(bool resume)
    {
        var descriptions = Alternatives.Select(a => a.Description).ToList();
        var finished = resume && Finished(Parameters(SensitivityCatalogue.StudyProfile(context.Profile)), descriptions, notify: false) is { } previous ? previous.Cells : [];
        var atBudget = context.Profile.StudyClaims ?? SensitivityCatalogue.Claims;
        return [.. descriptions.SelectMany(a => a.Claims.Where(c => atBudget.Contains(c)
            && !finished.Any(f => f.Reading == a.Reading && f.Alternative == a.Name && f.Claim == c)).Select(c => CellName(a, c)))];
    }

    /// <summary>
    /// Computes these cells (names as <see cref="CellNames"/> gives them) into the run's caches, and writes nothing: a shard's share
    /// of the study (<see cref="Shards.ShardRun"/>). A C4b cell other than the default needs the feed the default cell chose, so
    /// the default C4b cell runs first when it is not among them.
    /// </summary>
    public void ComputeCells(IReadOnlyCollection<string> names)
    {
        var study = SensitivityCatalogue.StudyProfile(context.Profile);
        var wanted = Alternatives.SelectMany(a => a.Description.Claims.Select(c => (Alternative: a, Claim: c)))
            .Where(x => names.Contains(CellName(x.Alternative.Description, x.Claim))).ToList();
        var unknown = names.Where(n => wanted.All(w => CellName(w.Alternative.Description, w.Claim) != n)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"no sensitivity cell is named '{unknown[0]}'");
        var defaultCell = Alternatives.First(a => a.Description.Reading == SensitivityRecord.DefaultReading);
        int firstC4b = wanted.FindIndex(w => w.Claim == "C4b");
        if (firstC4b >= 0 && !wanted.Contains((defaultCell, "C4b"))) wanted.Insert(firstC4b, (defaultCell, "C4b"));
        var cells = new List<SensitivityCell>();
        foreach (var (alternative, claimId) in wanted)
        {
            context.Cancel.ThrowIfCancellationRequested();
            cells.Add(RunCell(study, alternative, claimId, cells));
        }
    }

    /// <summary>Runs one cell: the claim under the study profile with this reading alone changed.</summary>
    private SensitivityCell RunCell(ProfileSettings study, ReadingAlternative alternative, string claimId, IReadOnlyList<SensitivityCell> cells)
    {
        var a = alternative.Description;
        string name = CellName(a, claimId);
        var progress = new Progress(p => context.Progress?.Report(new ClaimProgress(name, p.Stage, p.Fraction)));
        // Every cell judges the feed choice the default cell made (FeedChoice), whichever claim read it there.
        var defaultFeeds = cells.FirstOrDefault(c => c.Reading == SensitivityRecord.DefaultReading && c.Choices.Count > 0)?.Choices
            .ToDictionary(kv => kv.Key, kv => Enum.Parse<Perturbations.Feed>(kv.Value));
        var ctx = context.WithProfile(SensitivityCatalogue.CellProfile(study, alternative, claimId, defaultFeeds), progress);
        var cellWatch = Stopwatch.StartNew();
        var claim = ClaimCatalog.Get(claimId);
        ClaimResult result;
        if (ctx.Stages is { } log)
        {
            log.CurrentClaim = $"sensitivity {claimId}";
            try { result = log.Time($"sensitivity {name}", StageKind.Claim, 0, () => claim.Run(ctx), "one cell of the sensitivity study (not added to the totals)"); }
            finally { log.CurrentClaim = null; }
        }
        else result = claim.Run(ctx);
        var probes = claimId == "C4b" && a.Reading == "zeroFeedJitter"
            ? LatticeProbe.Measure(ctx, SensitivityCatalogue.JitterSigma)
            : new Dictionary<string, Metric>();
        return new SensitivityCell
        {
            Reading = a.Reading, Alternative = a.Name, Claim = claimId, Verdict = result.Verdict, Seeds = result.Seeds, Checks = result.Checks,
            Probes = probes, WallSeconds = cellWatch.Elapsed.TotalSeconds, Choices = Choices(ctx, claimId),
        };
    }

    private static SensitivityRecord? ReadSound(Func<SensitivityRecord?> read)
    {
        try { return read(); }
        catch (InvalidRecordException) { return null; }
    }

    /// <summary>
    /// The finished cells of an earlier run of the same study: a study in progress beside a finished one first, then the record; a
    /// damaged or different record is run again, never trusted.
    /// </summary>
    /// <param name="notify">Whether to say why an earlier study is not resumed (a look ahead at the cells to run says nothing).</param>
    private SensitivityRecord? Finished(JsonObject parameters, IReadOnlyList<SensitivityAlternative> descriptions, bool notify = true)
    {
        var now = context.Environment();
        if (ReadSound(context.Results.TryReadPartialSensitivity) is { } partial && partial.Profile == context.Profile.Name && JsonNode.DeepEquals(partial.Parameters, parameters)
            && Changed(partial.Environment, now) is null)
            return Described(partial, descriptions);
        try
        {
            var r = context.Results.TryReadSensitivity();
            if (r is null) return null;
            if (r.Profile != context.Profile.Name || !JsonNode.DeepEquals(r.Parameters, parameters))
            {
                if (notify) context.Notice($"{context.Results.SensitivityPath} was written with other study parameters; running the study again.");
                return null;
            }
            if (Changed(r.Environment, now) is { } why)
            {
                if (notify) context.Notice($"{context.Results.SensitivityPath} {why}; running the study again.");
                return null;
            }
            return Described(r, descriptions);
        }
        catch (InvalidRecordException e)
        {
            if (notify) context.Notice($"{e.Message}; running the sensitivity study again.");
            return null;
        }
    }

    /// <summary>Why cells computed there would not be this run's (null: they would): other science code, device, GPU or libraries.</summary>
    private static string? Changed(EnvironmentInfo? then, EnvironmentInfo now)
    {
        if (then is null) return "records no environment";
        return EnvironmentInfo.BitsDiffer(then, now);
    }

    /// <summary>The record with only the cells whose alternative is described exactly as now.</summary>
    private static SensitivityRecord Described(SensitivityRecord r, IReadOnlyList<SensitivityAlternative> descriptions) =>
        r with { Cells = r.Cells.Where(c => r.Alternatives.Any(a => a.Reading == c.Reading && a.Name == c.Alternative && descriptions.Any(d => Same(d, a)))).ToList() };

    /// <summary>C4b's feed per network as the cell used it; the default cell's choice is what the other cells judge.</summary>
    private static Dictionary<string, string> Choices(ClaimContext ctx, string claimId)
    {
        // A cell records the feed choice it read; only C4b reads it among the study's claims.
        if (!ctx.HasComputed(FeedChoice.Experiment)) return [];
        return FeedChoice.Experiment.Of(ctx).ToDictionary(kv => kv.Key.Label, kv => kv.Value.ToString());
    }

    private static bool Same(SensitivityAlternative x, SensitivityAlternative y) =>
        x.Reading == y.Reading && x.Name == y.Name && x.Settings.SequenceEqual(y.Settings) && x.Claims.SequenceEqual(y.Claims);

    private static JsonObject Parameters(ProfileSettings study) => new()
    {
        // The job count changes no cell, so a study resumed with other --jobs keeps its cells.
        ["studyProfile"] = WithoutJobs(study.ToJson()),
        ["c4aNetworks"] = new JsonArray(SensitivityCatalogue.C4aNetworks.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        ["c4bNetworks"] = new JsonArray(SensitivityCatalogue.C4bNetworks.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        ["jitterSigma"] = SensitivityCatalogue.JitterSigma,
        ["design"] = "one reading changed at a time from the default; every cell uses the study profile's seeds; C4b's feed is chosen per network on the run's first CNN seed in the default cell, as in the main claim, and every cell judges that feed on three CNN seeds the main claims never use, since C4b's networks, the jitter and the 10,000 iterations were chosen after the main run was seen",
    };

    private static JsonObject WithoutJobs(JsonObject profile)
    {
        profile.Remove(nameof(ProfileSettings.Parallelism));
        return profile;
    }

    private sealed class Progress(Action<ClaimProgress> report) : IProgress<ClaimProgress>
    {
        public void Report(ClaimProgress value) => report(value);
    }
}
