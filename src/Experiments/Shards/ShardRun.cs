using Repro.Experiments.Claims;
using Repro.Experiments.Sensitivity;
using Repro.Results;

namespace Repro.Experiments.Shards;

/// <summary>
/// Computes one shard's units into the context's caches (weights under models/, white-box attacks under attacks/) and writes
/// no record, no study and no report: the merge (a plain <c>reproduce</c> on the shards' caches copied together) does that,
/// with every statistic computed exactly as in a single run. A failing unit does not stop the others.
/// </summary>
public sealed class ShardRun(ClaimContext context, IRunObserver? observer = null)
{
    /// <summary>The units that failed, with their errors (empty when every unit was computed).</summary>
    public IReadOnlyList<(ShardUnit Unit, Exception Error)> Run(Shard shard)
    {
        var failed = new List<(ShardUnit, Exception)>();
        RunNetworks(shard.Units.Where(u => u.Kind == ShardUnitKind.Table1Network).ToList(), failed);
        var runner = new ClaimRunner(context);
        foreach (var unit in shard.Units.Where(u => u.Kind != ShardUnitKind.Table1Network))
        {
            context.Cancel.ThrowIfCancellationRequested();
            observer?.Started(unit.Name);
            string summary = $"{unit.Name}: computed";
            try
            {
                switch (unit.Kind)
                {
                    case ShardUnitKind.Claim: runner.Compute(ClaimCatalog.Get(unit.ClaimId!)); break;
                    case ShardUnitKind.ClaimSeed: ComputeSeed(unit); break;
                    default: new SensitivityStudy(context).ComputeCells(unit.Cells); break;
                }
            }
            catch (Exception e) when (!context.Cancel.IsCancellationRequested)
            {
                failed.Add((unit, e));
                summary = $"{unit.Name}: failed";
            }
            finally { observer?.Finished(unit.Name, false, summary); }
        }
        return failed;
    }

    /// <summary>One seed of a claim, timed as a stage of its own under the claim's id (its trainings' and attacks' stages carry it).</summary>
    private void ComputeSeed(ShardUnit unit)
    {
        var claim = (ISeedSplitClaim)ClaimCatalog.Get(unit.ClaimId!);
        if (context.Stages is not { } log)
        {
            claim.ComputeSeed(context, unit.Seed!.Value);
            return;
        }
        log.CurrentClaim = claim.Id;
        try { log.Time(unit.Name, StageKind.Claim, 0, () => { claim.ComputeSeed(context, unit.Seed!.Value); return 0; }, "a unit of a shard: one seed of a claim (not added to the totals)"); }
        finally { log.CurrentClaim = null; }
    }

    /// <summary>
    /// The Table 1 networks over every worker: each network's training and then its attack is one job, its untrained twin's
    /// attack another (so the last network does not leave a worker idle), as the single run's shared experiments do.
    /// </summary>
    private void RunNetworks(IReadOnlyList<ShardUnit> units, List<(ShardUnit, Exception)> failed)
    {
        if (units.Count == 0) return;
        var jobs = units.SelectMany(u => u.Attacked ? new[] { (Unit: u, Trained: true), (Unit: u, Trained: false) } : [(Unit: u, Trained: true)]).ToList();
        var left = units.ToDictionary(u => u.Name, u => u.Attacked ? 2 : 1);
        var errors = new Dictionary<string, Exception>();
        var log = context.Stages;
        string? reader = log?.CurrentClaim;
        if (log is not null) log.CurrentClaim = Table1Networks.Experiment.Name;
        try
        {
            ClaimKit.InParallel(context, jobs, job =>
            {
                var (unit, trained) = job;
                var network = unit.Network!.Value;
                lock (left) if (left[unit.Name] == (unit.Attacked ? 2 : 1)) observer?.Started(unit.Name);
                try
                {
                    void Work()
                    {
                        if (trained) Table1Networks.TrainJob(context, network);
                        if (unit.Attacked) ApPncRuns.AttackJob(context, network, trained);
                    }
                    string stage = trained ? unit.Name : $"{unit.Name} (untrained twin)";
                    if (log is null) Work();
                    else log.Time(stage, StageKind.Claim, 0, () => { Work(); return 0; }, "a unit of a shard: a Table 1 network's training and attacks (not added to the totals)");
                }
                catch (Exception e) when (!context.Cancel.IsCancellationRequested)
                {
                    lock (left) errors.TryAdd(unit.Name, e);
                }
                bool done, bad;
                lock (left) (done, bad) = (--left[unit.Name] == 0, errors.ContainsKey(unit.Name));
                if (done) observer?.Finished(unit.Name, false, $"{unit.Name}: {(bad ? "failed" : "computed")}");
                return 0;
            });
        }
        finally
        {
            if (log is not null) log.CurrentClaim = reader;
        }
        failed.AddRange(units.Where(u => errors.ContainsKey(u.Name)).Select(u => (u, errors[u.Name])));
    }
}
