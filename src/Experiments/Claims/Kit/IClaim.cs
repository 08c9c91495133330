using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>A claim of the paper as an experiment that produces one result record.</summary>
public interface IClaim
{
    /// <summary>Stable id: C1…C10 (C4 is C4a and C4b).</summary>
    string Id { get; }
    /// <summary>The claim as the paper makes it (title, section, words, figures), from <see cref="PaperClaims"/>; its record carries them.</summary>
    ClaimInfo Info { get; }
    /// <summary>The shared experiments the claim reads (their dependencies follow from them); none by default.</summary>
    IReadOnlyList<SharedExperiment> Uses => [];
    /// <summary>
    /// Whether all the claim's work lands in the caches (weights, white-box attacks on the CPU), so that computed in a shard it
    /// need not be computed again by the merge. False for a claim that times its attacks or runs black-box ones, which no cache
    /// keeps: a split run leaves it to the merge.
    /// </summary>
    bool Cached => true;
    /// <summary>
    /// Whether the claim times its own work one piece at a time, so that a run gives it the machine to itself, after the run's
    /// plan (C7); false by default.
    /// </summary>
    bool Alone => false;
    ClaimResult Run(ClaimContext context);
}
