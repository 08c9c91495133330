using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>
/// One run of claims, the same for <c>claims</c>, <c>reproduce</c> and the claims tests: finished records that still stand are
/// resumed first; then each shared experiment that a claim still to run reads is computed as a unit of its own (charged its
/// own time, so the stage table and the time left do not bill it to whichever claim reads it first); then the claims, one
/// after another, a failing one not stopping the others.
/// </summary>
/// <param name="register">The register a resumed record must agree with (the one compiled in by default).</param>
public sealed class ReproductionRun(ClaimContext context, IRunObserver? observer = null, ThresholdRegister? register = null)
{
    public ClaimContext Context { get; } = context;
    public ClaimRunner Runner { get; } = new(context, register);

    public static string ClaimUnit(string claimId) => $"claim {claimId}";

    /// <summary>A shared experiment's unit: the name of its stage (<see cref="ClaimContext.StageName"/>).</summary>
    public static string SharedUnit(SharedExperiment node) => ClaimContext.StageName(node);

    /// <summary>The units of a run of these claims, in the order they run: the shared experiments they read, then the claims.</summary>
    public static IReadOnlyList<string> Units(IEnumerable<IClaim> claims)
    {
        var list = claims.ToList();
        return [.. SharedExperiment.InOrder(list.SelectMany(c => c.Uses)).Select(SharedUnit), .. list.Select(c => ClaimUnit(c.Id))];
    }

    public IReadOnlyList<ClaimOutcome> Run(IReadOnlyList<IClaim> claims, bool resume)
    {
        var cancel = Context.Cancel;
        var resumed = new Dictionary<string, ClaimResult>();
        if (resume)
            foreach (var claim in claims)
                if (Runner.TryResume(claim) is { } record) resumed[claim.Id] = record;
        var needed = SharedExperiment.InOrder(claims.Where(c => !resumed.ContainsKey(c.Id)).SelectMany(c => c.Uses));
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
            observer?.Started(unit);
            ClaimOutcome outcome;
            try
            {
                bool reused = resumed.TryGetValue(claim.Id, out var earlier);
                outcome = new ClaimOutcome(claim, earlier ?? Runner.RunAndWrite(claim), null, reused);
            }
            catch (Exception e) when (!IsCancellation(e))
            {
                outcome = new ClaimOutcome(claim, null, e, false);
            }
            outcomes.Add(outcome);
            observer?.Finished(unit, outcome.Reused, $"{claim.Id} {claim.Info.Title}: " +
                (outcome.Error is not null ? "failed" : outcome.Reused ? "finished earlier" : VerdictText.Of(outcome.Result!.Verdict)));
        }
        return outcomes;
    }

    /// <summary>The run was cancelled and this is how the work stopped (also wrapped by a parallel loop): it ends the run, not the claim.</summary>
    private bool IsCancellation(Exception e) =>
        Context.Cancel.IsCancellationRequested
        && (e is OperationCanceledException || e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is OperationCanceledException));
}
