using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>A claim of the paper as an experiment that produces one result record.</summary>
public interface IClaim
{
    /// <summary>Stable id: C1…C7.</summary>
    string Id { get; }
    string Title { get; }
    ClaimResult Run(ClaimContext context);
}
