using Repro.Experiments.Claims;

namespace Repro.Experiments.Shards;

/// <summary>
/// One unit of a run split into shards: work that reads nothing another shard computes, so it can run on any machine into
/// that machine's caches (weights in models/, white-box attacks in attacks/), which the merge copies together.
/// </summary>
/// <param name="Name">The unit's name in the plan, its progress and the expected costs: "Table 1 network MNIST CNN-SGD s2",
/// "claim C6", "claim C2 · seed 3", "sensitivity attackLoss: summed squared error · C1", "sensitivity cells · C4b".</param>
/// <param name="ExpectedSeconds">What the plan expects it to take on the reference machine (the shipped reference costs).</param>
public sealed record ShardUnit(string Name, ShardUnitKind Kind, double ExpectedSeconds)
{
    /// <summary>The Table 1 network of a <see cref="ShardUnitKind.Table1Network"/> unit.</summary>
    public (Table1Configuration Config, int Seed)? Network { get; init; }

    /// <summary>Whether a <see cref="ShardUnitKind.Table1Network"/> unit also attacks the network and its twin (a claim of the run reads the AP–PNC runs).</summary>
    public bool Attacked { get; init; }

    /// <summary>The claim of a <see cref="ShardUnitKind.Claim"/> or <see cref="ShardUnitKind.ClaimSeed"/> unit.</summary>
    public string? ClaimId { get; init; }

    /// <summary>The claim itself (null: the catalogue's claim of <see cref="ClaimId"/>).</summary>
    public IClaim? Claim { get; init; }

    /// <summary>The seed of a <see cref="ShardUnitKind.ClaimSeed"/> unit.</summary>
    public int? Seed { get; init; }

    /// <summary>The cells of a <see cref="ShardUnitKind.Cells"/> unit, as the study names them.</summary>
    public IReadOnlyList<string> Cells { get; init; } = [];

    /// <summary>A Table 1 network's unit name.</summary>
    public static string NetworkName(Table1Configuration config, int seed) => $"Table 1 network {config.Label} s{seed}";

    /// <summary>A claim seed's unit name.</summary>
    public static string ClaimSeedName(string claimId, int seed) => $"{ReproductionRun.ClaimUnit(claimId)} · seed {seed}";
}
