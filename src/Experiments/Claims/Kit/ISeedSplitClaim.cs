namespace Repro.Experiments.Claims;

/// <summary>
/// A claim whose trainings and attacks split by seed: one seed's work can be computed alone, into the caches, as
/// <see cref="IClaim.Run"/> would compute it (the same keys). A run split into shards makes each seed a unit of its own, so that
/// one long claim spreads over several machines; the merge's run of the claim then finds every seed in the caches.
/// </summary>
public interface ISeedSplitClaim : IClaim
{
    /// <summary>The seeds the claim runs under this profile.</summary>
    IReadOnlyList<int> SplitSeeds(ProfileSettings p);

    /// <summary>Computes one seed's trainings and attacks into the caches; no record.</summary>
    void ComputeSeed(ClaimContext ctx, int seed);
}
