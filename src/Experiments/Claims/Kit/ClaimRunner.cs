using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>Runs claims and writes each record atomically to artifacts/results/&lt;id&gt;.json.</summary>
public sealed class ClaimRunner(ClaimContext context)
{
    /// <summary>Run the claims; with resume, a claim whose record exists for this profile is read instead.</summary>
    public IReadOnlyList<ClaimResult> Run(IEnumerable<IClaim> claims, bool resume = false)
    {
        var results = new List<ClaimResult>();
        foreach (var claim in claims)
        {
            context.Cancel.ThrowIfCancellationRequested();
            if (resume && TryReadFinished(claim.Id) is { } existing)
            {
                results.Add(existing);
                continue;
            }
            var result = RunRecorded(claim);
            context.Results.Write(result);
            results.Add(result);
        }
        return results;
    }

    /// <summary>Runs the claim; with a stage log, its stages carry its id and the whole claim is one more stage.</summary>
    private ClaimResult RunRecorded(IClaim claim)
    {
        if (context.Stages is not { } log) return claim.Run(context);
        log.CurrentClaim = claim.Id;
        try
        {
            return log.Time($"claim {claim.Id}", StageKind.Claim, 0, () => claim.Run(context),
                "the whole claim: its trainings, attacks and analysis (not added to the totals)");
        }
        finally { log.CurrentClaim = null; }
    }

    /// <summary>A finished record of this profile; a damaged or foreign one is run again, never trusted, and the user is told why.</summary>
    private ClaimResult? TryReadFinished(string id)
    {
        try
        {
            var r = context.Results.TryRead(id);
            return r is not null && r.Profile == context.Profile.Name && r.Verdict != Verdict.NotRun ? r : null;
        }
        catch (InvalidRecordException e)
        {
            context.Notice($"{e.Message}; running {id} again.");
            return null;
        }
    }
}
