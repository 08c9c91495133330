using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>A claim of the paper as an experiment that produces one result record.</summary>
public interface IClaim
{
    /// <summary>Stable id: C1…C10 (C4 is C4a and C4b).</summary>
    string Id { get; }
    string Title { get; }
    /// <summary>Where the paper makes the claim, e.g. "§2.3, §3, Fig. 2".</summary>
    string Section { get; }
    /// <summary>The paper's own words for the claim.</summary>
    string PaperWords { get; }
    /// <summary>The shared experiments the claim reads (their dependencies follow from them); none by default.</summary>
    IReadOnlyList<SharedExperiment> Uses => [];
    ClaimResult Run(ClaimContext context);
}
