namespace Repro.Experiments.Shards;

/// <summary>What a unit of a split run computes.</summary>
public enum ShardUnitKind
{
    /// <summary>One Table 1 network (configuration, seed): its training, and its and its untrained twin's AP–PNC attacks.</summary>
    Table1Network,
    /// <summary>One claim that reads no shared experiment: its trainings and attacks.</summary>
    Claim,
    /// <summary>One seed of a claim whose work splits by seed (<see cref="Claims.ISeedSplitClaim"/>): that seed's trainings and attacks.</summary>
    ClaimSeed,
    /// <summary>One sensitivity cell (C4b's cells travel together, since each judges the feed its default cell chose).</summary>
    Cells,
}
