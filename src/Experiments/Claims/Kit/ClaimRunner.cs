using System.Text.Json.Nodes;
using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>Runs claims and writes each record atomically to artifacts/results/&lt;profile&gt;/&lt;id&gt;.json.</summary>
/// <param name="register">The register a resumed record must agree with (the one compiled in by default).</param>
public sealed class ClaimRunner(ClaimContext context, ThresholdRegister? register = null)
{
    private readonly HashSet<string> _resumed = [];

    /// <summary>The claims this runner answered from a finished record instead of running them.</summary>
    public IReadOnlyCollection<string> Resumed => _resumed;

    /// <summary>Run the claims; with resume, a claim whose record exists for this profile, and still stands, is read instead.</summary>
    public IReadOnlyList<ClaimResult> Run(IEnumerable<IClaim> claims, bool resume = false)
    {
        var results = new List<ClaimResult>();
        foreach (var claim in claims)
        {
            context.Cancel.ThrowIfCancellationRequested();
            results.Add((resume ? TryResume(claim) : null) ?? RunAndWrite(claim));
        }
        return results;
    }

    /// <summary>The claim's finished record of this profile, if it still stands (then counted in <see cref="Resumed"/>); null: run the claim.</summary>
    public ClaimResult? TryResume(IClaim claim)
    {
        var existing = TryReadFinished(claim.Id);
        if (existing is not null) _resumed.Add(claim.Id);
        return existing;
    }

    /// <summary>Runs the claim and writes its record atomically.</summary>
    public ClaimResult RunAndWrite(IClaim claim)
    {
        var result = RunRecorded(claim);
        context.Results.Write(result);
        return result;
    }

    /// <summary>Runs the claim without writing its record: a shard's unit, whose trainings and attacks go to the caches the merge reads.</summary>
    public ClaimResult Compute(IClaim claim) => RunRecorded(claim);

    /// <summary>Runs the claim; with a stage log, its stages carry its id and the whole claim is one more stage.</summary>
    private ClaimResult RunRecorded(IClaim claim)
    {
        if (context.Stages is not { } log) return claim.Run(context);
        log.CurrentClaim = claim.Id;
        try
        {
            return log.Time($"claim {claim.Id}", StageKind.Claim, 0, () => claim.Run(context),
                "the whole claim: its trainings, attacks and analysis (not added to the totals)");
        }
        finally { log.CurrentClaim = null; }
    }

    /// <summary>A finished record of this profile; a damaged, foreign or stale one is run again, never trusted, and the user is told why.</summary>
    private ClaimResult? TryReadFinished(string id)
    {
        try
        {
            var r = context.Results.TryRead(id);
            if (r is null || r.Profile != context.Profile.Name || r.Verdict == Verdict.NotRun) return null;
            var now = context.Environment();
            if (StaleReason(r, context.Profile, register ?? ThresholdRegister.Embedded, now) is { } why)
            {
                context.Notice($"{context.Results.PathOf(id)} {why}; running {id} again.");
                return null;
            }
            // Another commit alone does not make a record stale (a README change changes no number), but it is said, never silent.
            if (r.Environment.Commit != now.Commit && r.Environment.Commit != "unknown" && now.Commit != "unknown")
                context.Notice($"{context.Results.PathOf(id)} was written by commit {Short(r.Environment.Commit)}, this is {Short(now.Commit)}; resumed, " +
                               $"since its science code (version {now.ScienceVersion}), profile settings, register lines, device and libraries are this run's.");
            return r;
        }
        catch (InvalidRecordException e)
        {
            context.Notice($"{e.Message}; running {id} again.");
            return null;
        }
    }

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary>Profile settings that change no result: how many jobs run side by side, and how much of the sensitivity study runs.</summary>
    private static readonly string[] NotResultKeys = [nameof(ProfileSettings.Parallelism), nameof(ProfileSettings.StudyClaims)];

    /// <summary>
    /// Why a finished record no longer stands for what this run would compute (null: it does): it was written under other profile
    /// settings, by other science code (<see cref="Runtime.ScienceVersion"/>), on another device, GPU, driver or CUDA or with another TorchSharp or libtorch (the same code gives other bits there), a check disagrees
    /// with the register's current line, or the register has checks it lacks.
    /// </summary>
    /// <param name="now">This run's environment; null: not compared.</param>
    public static string? StaleReason(ClaimResult r, ProfileSettings profile, ThresholdRegister register, EnvironmentInfo? now = null)
    {
        static JsonNode? Resolved(JsonNode? p)
        {
            if (p?.DeepClone() is not JsonObject o) return p;
            foreach (var k in NotResultKeys) o.Remove(k);
            return o;
        }
        if (!JsonNode.DeepEquals(Resolved(r.Parameters["profile"]), Resolved(profile.ToJson())))
            return "was written under other profile settings than this run's";
        if (now is not null && EnvironmentInfo.BitsDiffer(r.Environment, now) is { } differs) return differs;
        foreach (var c in r.Checks)
        {
            if (register.Disagreement(r.Id, c) is { } why) return $"disagrees with the register now ({why})";
            if (register.CurrentOf(r.Id, c.Name) is { } e && e.Analysis != c.Analysis)
                return $"holds check '{c.Name}' as {c.Analysis}, which the register now calls {e.Analysis}";
        }
        var missing = register.Current.Where(e => e.Claim == r.Id && r.Checks.All(c => c.Name != e.Check)).Select(e => e.Check).ToList();
        if (missing.Count > 0) return $"lacks {missing.Count} check(s) the register now has (e.g. '{missing[0]}')";
        // A verdict that does not follow from its checks is refused on read (ResultSchema), before it could be resumed.
        return null;
    }
}
