using Repro.Experiments.Claims;
using Repro.Experiments.Runtime;
using Repro.Experiments.Sensitivity;
using Repro.Results;

namespace Repro.Experiments.Shards;

/// <summary>
/// Computes a shard's units into the context's caches (weights under models/, white-box attacks under attacks/) and writes
/// no record, no study and no report: the merge (a plain <c>reproduce</c> on the shards' caches copied together) does that,
/// with every statistic computed exactly as in a single run. A single run computes its whole plan this way first (one shard
/// of one), so that every training, attack and cell of every claim shares the run's workers, longest first. A failing unit
/// does not stop the others.
/// </summary>
/// <param name="runClaim">What a claim's unit does (null: computes the claim into the caches, writing no record; a single run
/// runs it whole instead and keeps its outcome).</param>
public sealed class ShardRun(ClaimContext context, IRunObserver? observer = null, Action<IClaim>? runClaim = null)
{
    /// <summary>The units that failed, with their errors (empty when every unit was computed).</summary>
    public IReadOnlyList<(ShardUnit Unit, Exception Error)> Run(Shard shard)
    {
        // A Table 1 network's training and then its attack is one job, its untrained twin's attack another (it needs no
        // training, so it does not wait for it); every other unit is one job.
        var parts = shard.Units.SelectMany(u => u.Kind == ShardUnitKind.Table1Network && u.Attacked
            ? new[] { (Unit: u, Twin: false), (Unit: u, Twin: true) } : [(Unit: u, Twin: false)]).ToList();
        // By reference: a run may hold two units of one name (the same claim twice).
        var left = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (var u in shard.Units) left[u] = parts.Count(p => ReferenceEquals(p.Unit, u));
        var errors = new Dictionary<object, Exception>(ReferenceEqualityComparer.Instance);
        var started = new HashSet<object>(ReferenceEqualityComparer.Instance);
        // A twin's attack takes the place of its network's unit in the order, right after the training: the unit is done
        // (and says so in the log) soon after its training, not when the queue's short jobs come up.
        var jobs = parts.Select(p => new PoolJob(p.Twin ? $"{p.Unit.Name} (untrained twin)" : p.Unit.Name, p.Unit.ExpectedSeconds, () =>
            {
                var unit = p.Unit;
                lock (left) if (started.Add(unit)) observer?.Started(unit.Name);
                try { Compute(unit, p.Twin); }
                catch (Exception e) when (!context.Cancel.IsCancellationRequested)
                {
                    lock (left) errors.TryAdd(unit, e);
                }
                bool done, bad;
                lock (left) (done, bad) = (--left[unit] == 0, errors.ContainsKey(unit));
                if (done) observer?.Finished(unit.Name, false, $"{unit.Name}: {(bad ? "failed" : "computed")}");
            }));
        // Longest first; the pool keeps that order among ready jobs, and a unit's own loops go ahead of units not yet started.
        context.Pool.Run([.. jobs.Select((j, i) => (j, i)).OrderByDescending(x => x.j.ExpectedSeconds).ThenBy(x => x.i).Select(x => x.j)], context.Cancel);
        return [.. shard.Units.Where(errors.ContainsKey).Select(u => (u, errors[u]))];
    }

    void Compute(ShardUnit unit, bool twin)
    {
        switch (unit.Kind)
        {
            case ShardUnitKind.Table1Network: ComputeNetwork(unit, twin); break;
            case ShardUnitKind.Claim:
                var claim = unit.Claim ?? ClaimCatalog.Get(unit.ClaimId!);
                if (runClaim is not null) runClaim(claim);
                else new ClaimRunner(context).Compute(claim);
                break;
            case ShardUnitKind.ClaimSeed: ComputeSeed(unit); break;
            default: new SensitivityStudy(context).ComputeCells(unit.Cells); break;
        }
    }

    /// <summary>One seed of a claim, timed as a stage of its own under the claim's id (its trainings' and attacks' stages carry it).</summary>
    private void ComputeSeed(ShardUnit unit)
    {
        var claim = (ISeedSplitClaim)(unit.Claim ?? ClaimCatalog.Get(unit.ClaimId!));
        if (context.Stages is not { } log)
        {
            claim.ComputeSeed(context, unit.Seed!.Value);
            return;
        }
        log.CurrentClaim = claim.Id;
        try { log.Time(unit.Name, StageKind.Claim, 0, () => { claim.ComputeSeed(context, unit.Seed!.Value); return 0; }, "a unit of the run's plan: one seed of a claim (not added to the totals)"); }
        finally { log.CurrentClaim = null; }
    }

    /// <summary>A Table 1 network's training and the attacks on it, or (<paramref name="twin"/>) the attacks on its untrained twin, as the single run's shared experiments do them.</summary>
    private void ComputeNetwork(ShardUnit unit, bool twin)
    {
        var network = unit.Network!.Value;
        void Work()
        {
            if (!twin) Table1Networks.TrainJob(context, network);
            if (unit.Attacked) ApPncRuns.AttackJob(context, network, !twin);
        }
        if (context.Stages is not { } log)
        {
            Work();
            return;
        }
        log.CurrentClaim = Table1Networks.Experiment.Name;
        try { log.Time(twin ? $"{unit.Name} (untrained twin)" : unit.Name, StageKind.Claim, 0, () => { Work(); return 0; }, "a unit of the run's plan: a Table 1 network's training and attacks (not added to the totals)"); }
        finally { log.CurrentClaim = null; }
    }
}
