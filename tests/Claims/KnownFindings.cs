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
        // Measured 2026-11-24, quick profile (CNN widths ÷ 4, at most 2 epochs): 0.7999, 0.8999 and 0.9056.
        [("quick", "C3", "F-MNIST CNN-SGD reaches 0.84")] = "the quarter-width CNN stops at its 2-epoch cap below the table's accuracy",
        [("quick", "C3", "F-MNIST CNN-Adam reaches 0.92")] = "the quarter-width CNN stops at its 2-epoch cap below the table's accuracy",
        [("quick", "C3", "F-MNIST CNN*-SGD reaches 0.92")] = "the quarter-width CNN stops at its 2-epoch cap below the table's accuracy",
        // Measured 2026-11-24, quick profile: MNIST CNN-Adam, CNN*-SGD and CNN*-Adam APs correlate with their
        // PNCs at diagonal means of only 0.03–0.11 (untrained twins −0.01 to −0.02): above both null
        // controls, but not by the 0.2 the claim needs. Consistent with C5 (clarity falls with complexity).
        [("quick", "C4", "every network beats the untrained-network control")] = "complex MNIST networks beat the untrained control by only 0.05",
    };

    public static bool IsFinding(string profile, string claim, string check, out string why) =>
        Findings.TryGetValue((profile, claim, check), out why!);
}
