using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// Claim checks measured not to reproduce in a profile — [¬Re] or inconclusive — with the outcome and the measurement
/// that showed it. Thresholds are never changed to make a check pass; the outcome is recorded here instead, its test
/// is skipped with the numbers as its reason, and it fails when the outcome changes, so this record gets updated.
/// </summary>
public static class KnownFindings
{
    private static readonly Dictionary<(string Profile, string Claim, string Check), (CheckOutcome Outcome, string Why)> Findings = new()
    {
    };

    public static bool IsFinding(string profile, string claim, string check, out CheckOutcome outcome, out string why)
    {
        bool found = Findings.TryGetValue((profile, claim, check), out var f);
        (outcome, why) = f;
        return found;
    }
}
