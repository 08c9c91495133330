namespace Repro.Claims.Tests;

/// <summary>
/// Checks that were measured not to reproduce ([¬Re]) in a profile, with the measurement that
/// showed it. Thresholds are never changed to make a check pass; a finding is listed here instead,
/// and its test asserts that the finding still stands.
/// </summary>
public static class KnownFindings
{
    private static readonly Dictionary<(string Profile, string Claim, string Check), string> Findings = new()
    {
    };

    public static bool IsFinding(string profile, string claim, string check, out string why) =>
        Findings.TryGetValue((profile, claim, check), out why!);
}
