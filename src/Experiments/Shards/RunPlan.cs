using Repro.Experiments.Claims;
using Repro.Experiments.Sensitivity;

namespace Repro.Experiments.Shards;

/// <summary>
/// A run (the claims, and for <c>reproduce</c> the sensitivity study) as units that can run on separate machines, packed into
/// shards longest first. Dependencies are kept inside the units rather than run in a first wave, so the plan is one matrix of
/// independent jobs:
/// <list type="bullet">
/// <item>each Table 1 network is a unit with the attacks on it and on its untrained twin (the AP–PNC runs read nothing else);</item>
/// <item>a claim that reads no shared experiment is a unit, or one unit per seed where its work splits by seed
/// (<see cref="ISeedSplitClaim"/>: C2); a cheap training two units read (C1's FC network, which C7 reads
/// too) is computed by both shards where they differ (the same bits: the merge checks they are);</item>
/// <item>a sensitivity cell is a unit; a cell that needs Table 1's FC networks trains them again where its shard lacks them
/// (seconds each), and C4b's cells are one unit, since each judges the feed its default cell chose;</item>
/// <item>the claims that read the shared experiments whole (C3, C4a, C4b, C5, C9) are left to the merge, which finds every
/// network and attack in the caches and adds their own analysis (and C5's attacks, about 30 s on the reference machine); so are
/// the claims whose work no cache keeps (<see cref="IClaim.Cached"/>: C7's timed attacks, C8's black-box ones), which the merge
/// would compute again anyway; their networks come from the Table 1 units.</item>
/// </list>
/// The expected costs come from the shipped reference run only, never from a machine's own last run, so that every machine of a
/// matrix computes the same plan.
/// </summary>
public sealed class RunPlan
{
    private RunPlan(ProfileSettings profile, IReadOnlyList<ShardUnit> units, IReadOnlyList<string> merge, bool study)
    {
        Profile = profile;
        Units = units;
        MergeClaims = merge;
        Study = study;
    }

    public ProfileSettings Profile { get; }

    /// <summary>Every unit the shards compute, longest first (ties in plan order).</summary>
    public IReadOnlyList<ShardUnit> Units { get; }

    /// <summary>The claims the merge computes on the cached networks and attacks: those that read a shared experiment whole.</summary>
    public IReadOnlyList<string> MergeClaims { get; }

    /// <summary>Whether the plan holds the sensitivity study's cells (<c>reproduce</c>) or not (<c>claims</c>).</summary>
    public bool Study { get; }

    /// <summary>A sensitivity cell's unit name, as the stage table and the expected costs name it.</summary>
    public static string CellUnit(string cellName) => $"sensitivity {cellName}";

    /// <summary>The unit that holds C4b's cells.</summary>
    public const string C4bCellsUnit = "sensitivity cells · C4b";

    /// <param name="study">Whether the run holds the sensitivity study (at the profile's budget).</param>
    /// <param name="expected">A unit's expected seconds on the reference machine (by unit name).</param>
    /// <param name="cells">The study's cells to hold, where not all of them (a run that resumes the study holds those still to run).</param>
    /// <param name="single">A single run's plan: a claim that reads no shared experiment is a unit even where no cache keeps its
    /// work (C8), since it runs whole there, record and all; one that times its work (<see cref="IClaim.Alone"/>: C7) is not.</param>
    public static RunPlan Of(ProfileSettings profile, IReadOnlyList<IClaim> claims, bool study, Func<string, double> expected, IReadOnlyCollection<string>? cells = null, bool single = false)
    {
        bool Unit(IClaim c) => c.Uses.Count == 0 && (single ? !c.Alone : c.Cached);
        // In catalogue order, whatever order --only named them in, so that equal costs break ties alike on every machine.
        var catalogue = ClaimCatalog.All.Select(c => c.Id).ToList();
        claims = [.. claims.Select((c, i) => (c, i)).OrderBy(x => catalogue.IndexOf(x.c.Id) is var k && k >= 0 ? k : int.MaxValue).ThenBy(x => x.i).Select(x => x.c)];
        var units = new List<ShardUnit>();
        var nodes = SharedExperiment.InOrder(claims.SelectMany(c => c.Uses));
        bool attacked = nodes.Contains(ApPncRuns.Experiment);
        if (nodes.Contains(Table1Networks.Experiment))
            foreach (var (config, seed) in Table1Networks.Jobs(profile))
            {
                string name = ShardUnit.NetworkName(config, seed);
                units.Add(new ShardUnit(name, ShardUnitKind.Table1Network, expected(name)) { Network = (config, seed), Attacked = attacked });
            }
        foreach (var claim in claims.Where(Unit))
        {
            string name = ReproductionRun.ClaimUnit(claim.Id);
            if (claim is ISeedSplitClaim split && split.SplitSeeds(profile) is { Count: > 1 } seeds)
                // Each seed's own expected time (its analysis, which the merge runs, is seconds).
                units.AddRange(seeds.Select(s => new ShardUnit(ShardUnit.ClaimSeedName(claim.Id, s), ShardUnitKind.ClaimSeed, expected(ShardUnit.ClaimSeedName(claim.Id, s)))
                { ClaimId = claim.Id, Claim = claim, Seed = s }));
            else units.Add(new ShardUnit(name, ShardUnitKind.Claim, expected(name)) { ClaimId = claim.Id, Claim = claim });
        }
        if (study)
        {
            var held = SensitivityStudy.NamesOf(SensitivityCatalogue.Alternatives, profile.StudyClaims).Where(c => cells is null || cells.Contains(c)).ToList();
            var c4b = held.Where(c => c.EndsWith(" · C4b", StringComparison.Ordinal)).ToList();
            foreach (var cell in held.Except(c4b))
                units.Add(new ShardUnit(CellUnit(cell), ShardUnitKind.Cells, expected(CellUnit(cell))) { Cells = [cell] });
            if (c4b.Count > 0)
                units.Add(new ShardUnit(C4bCellsUnit, ShardUnitKind.Cells, c4b.Sum(c => expected(CellUnit(c)))) { Cells = c4b });
        }
        var ordered = units.Select((u, i) => (u, i)).OrderByDescending(x => x.u.ExpectedSeconds).ThenBy(x => x.i).Select(x => x.u).ToList();
        return new RunPlan(profile, ordered, claims.Where(c => !Unit(c)).Select(c => c.Id).ToList(), study);
    }

    /// <summary>
    /// 16 hex digits over the profile, the study's extent and every shard's units: shards of one plan carry the same, so the merge
    /// can tell shards of different plans (another profile, study, claim list, shard count or code) apart.
    /// </summary>
    public string Fingerprint(int count)
    {
        var profile = Profile.ToJson();
        profile.Remove(nameof(ProfileSettings.Parallelism)); // how many jobs run side by side changes no unit
        var text = new System.Text.StringBuilder($"profile {profile.ToJsonString()}\nstudy {Study}\n");
        foreach (var shard in Pack(count)) text.Append($"shard {shard.Label}: {string.Join(" | ", shard.Units.Select(u => u.Name))}\n");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// The units in <paramref name="count"/> shards: longest first, each to the shard with the least expected time so far (the
    /// lowest index on a tie), so the same plan always gives the same shards.
    /// </summary>
    public IReadOnlyList<Shard> Pack(int count)
    {
        if (count < 1 || count > ShardIndex.MaxShards) throw new ArgumentOutOfRangeException(nameof(count), $"the number of shards must be 1 to {ShardIndex.MaxShards}, got {count}");
        var bins = Enumerable.Range(0, count).Select(_ => new List<ShardUnit>()).ToArray();
        var loads = new double[count];
        foreach (var unit in Units)
        {
            int best = 0;
            for (int b = 1; b < count; b++) if (loads[b] < loads[best]) best = b;
            bins[best].Add(unit);
            loads[best] += unit.ExpectedSeconds;
        }
        return bins.Select((units, i) => new Shard(i + 1, count, units)).ToList();
    }

    /// <summary>Shard <paramref name="index"/> of the plan packed into its count.</summary>
    public Shard ShardOf(ShardIndex index) => Pack(index.Count)[index.Index - 1];
}
