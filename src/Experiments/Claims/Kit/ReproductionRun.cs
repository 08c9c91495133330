using Repro.Experiments.Shards;
using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>
/// One run of claims, the same for <c>claims</c>, <c>reproduce</c> and the claims tests: finished records that still stand are
/// resumed first; then the run's plan (<see cref="RunPlan"/>: every Table 1 network with its attacks, every seed of a claim
/// that splits by seed, every claim that reads no shared experiment, run whole (but C7, which times its attacks and so runs
/// alone after it), and the sensitivity cells still to run; on the CPU, where the caches keep attacks) on the run's
/// workers at once, longest first, filling the caches; then each shared experiment that a claim still to run reads is computed
/// as a unit of its own (from the caches; charged its own time, so the stage table and the time left do not bill it to
/// whichever claim reads it first); then the other claims, one after another, each finding its trainings and attacks in the
/// caches. A failing claim does not stop the others.
/// </summary>
/// <param name="register">The register a resumed record must agree with (the one compiled in by default).</param>
/// <param name="expected">A unit's expected seconds, to start the longest first (null: the plan's order).</param>
public sealed class ReproductionRun(ClaimContext context, IRunObserver? observer = null, ThresholdRegister? register = null, Func<string, double>? expected = null)
{
    public ClaimContext Context { get; } = context;
    public ClaimRunner Runner { get; } = new(context, register);

    public static string ClaimUnit(string claimId) => $"claim {claimId}";

    /// <summary>A shared experiment's unit: the name of its stage (<see cref="ClaimContext.StageName"/>).</summary>
    public static string SharedUnit(SharedExperiment node) => ClaimContext.StageName(node);

    /// <summary>
    /// The units of a run of these claims (and sensitivity cells), in the order they finish at the latest: the plan's units,
    /// the shared experiments the claims read, then the claims.
    /// </summary>
    public static IReadOnlyList<string> Units(IEnumerable<IClaim> claims, ProfileSettings profile, IReadOnlyCollection<string>? cells = null)
    {
        var list = claims.ToList();
        var plan = RunPlan.Of(profile, list, cells is { Count: > 0 }, _ => 1, cells, single: true);
        return [.. plan.Units.Select(u => u.Name), .. SharedExperiment.InOrder(list.SelectMany(c => c.Uses)).Select(SharedUnit), .. list.Select(c => ClaimUnit(c.Id))];
    }

    /// <param name="cells">Sensitivity cells to compute into the caches with the claims' work (<see cref="Sensitivity.SensitivityStudy.Pending"/>),
    /// so that the study that follows finds them there; null when no study follows.</param>
    public IReadOnlyList<ClaimOutcome> Run(IReadOnlyList<IClaim> claims, bool resume, IReadOnlyCollection<string>? cells = null)
    {
        var cancel = Context.Cancel;
        var resumed = new Dictionary<string, ClaimResult>();
        if (resume)
            foreach (var claim in claims)
                if (Runner.TryResume(claim) is { } record) resumed[claim.Id] = record;
        // A claim whose shared experiments this context already holds (the claims tests ask for one claim at a time) needs no
        // plan: its trainings and attacks were read when those were computed.
        var ran = RunUnits(claims.Where(c => !resumed.ContainsKey(c.Id) && (c.Uses.Count == 0 || !c.Uses.All(Context.HasComputed))).ToList(), cells, claims);
        var needed = SharedExperiment.InOrder(claims.Where(c => !resumed.ContainsKey(c.Id) && !ran.ContainsKey(c)).SelectMany(c => c.Uses));
        foreach (var node in SharedExperiment.InOrder(claims.SelectMany(c => c.Uses)))
        {
            cancel.ThrowIfCancellationRequested();
            string unit = SharedUnit(node);
            if (!needed.Contains(node))
            {
                observer?.Finished(unit, true, $"{node.Name}: not needed (its claims finished earlier)");
                continue;
            }
            observer?.Started(unit);
            string summary = $"{node.Name}: done";
            // A failed node fails the claims that read it (with its error, kept by the context), not the run.
            try { Context.Compute(node); }
            catch (Exception e) when (!IsCancellation(e)) { summary = $"{node.Name}: failed"; }
            finally { observer?.Finished(unit, false, summary); }
        }
        var outcomes = new List<ClaimOutcome>();
        foreach (var claim in claims)
        {
            cancel.ThrowIfCancellationRequested();
            string unit = ClaimUnit(claim.Id);
            if (!ran.TryGetValue(claim, out var outcome))
            {
                observer?.Started(unit);
                outcome = resumed.TryGetValue(claim.Id, out var earlier) ? new ClaimOutcome(claim, earlier, null, true) : RunOne(claim);
            }
            outcomes.Add(outcome);
            observer?.Finished(unit, outcome.Reused, $"{claim.Id} {claim.Info.Title}: " +
                (outcome.Error is not null ? "failed" : outcome.Reused ? "finished earlier" : VerdictText.Of(outcome.Result!.Verdict)));
        }
        return outcomes;
    }

    /// <summary>A claim run and its record written; its error, not the run's end, when it fails.</summary>
    private ClaimOutcome RunOne(IClaim claim)
    {
        try { return new ClaimOutcome(claim, Runner.RunAndWrite(claim), null, false); }
        catch (Exception e) when (!IsCancellation(e)) { return new ClaimOutcome(claim, null, e, false); }
    }

    /// <summary>
    /// The run's plan, one shard of one, on the run's workers: its trainings and attacks land in the caches the rest of the run
    /// reads, and a claim that is a unit of its own runs whole there, its outcome kept. A unit that fails is computed again by
    /// the claims that read it, which then fail with its error.
    /// </summary>
    /// <param name="all">Every claim of the run, resumed ones included: the units of theirs that need not run, and those of cells an
    /// earlier study finished, are reported as finished earlier, so the time left does not wait for them.</param>
    private Dictionary<IClaim, ClaimOutcome> RunUnits(IReadOnlyList<IClaim> claims, IReadOnlyCollection<string>? cells, IReadOnlyList<IClaim> all)
    {
        var outcomes = new Dictionary<IClaim, ClaimOutcome>(ReferenceEqualityComparer.Instance);
        // Off the CPU no cache keeps an attack (only the CPU repeats its bits), so the claims would attack again what the plan
        // attacked: there the claims run one after another, their loops on the workers.
        if (Context.Device.type != TorchSharp.DeviceType.CPU) return outcomes;
        var plan = RunPlan.Of(Context.Profile, claims, cells is { Count: > 0 }, expected ?? (_ => 1), cells, single: true);
        var names = plan.Units.Select(u => u.Name).ToHashSet();
        foreach (var unit in RunPlan.Of(Context.Profile, all, cells is not null, _ => 1, null, single: true).Units.Where(u => !names.Contains(u.Name)))
            observer?.Finished(unit.Name, true, $"{unit.Name}: not needed (finished earlier)");
        if (plan.Units.Count == 0) return outcomes;
        var failed = new ShardRun(Context, observer, claim =>
        {
            var outcome = RunOne(claim);
            lock (outcomes) outcomes[claim] = outcome;
        }).Run(plan.Pack(1)[0]);
        foreach (var (unit, error) in failed)
            Context.Notice($"{unit.Name} failed ({error.GetBaseException().Message}); the claims that read it compute it again");
        return outcomes;
    }

    /// <summary>The run was cancelled and this is how the work stopped (also wrapped by a parallel loop): it ends the run, not the claim.</summary>
    private bool IsCancellation(Exception e) =>
        Context.Cancel.IsCancellationRequested
        && (e is OperationCanceledException || e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is OperationCanceledException));
}
