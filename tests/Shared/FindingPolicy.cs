using Repro.Results;

namespace Repro.Tests.Shared;

/// <summary>
/// Known findings are per profile. The quick profile is run on every push and its findings are all recorded, so a new one fails;
/// the paper profile runs rarely (gpu.yml), and has never run to the end, so an outcome nobody has recorded yet is reported with its
/// numbers as a finding to record instead of failing the suite.
/// </summary>
public static class FindingPolicy
{
    public const string PaperProfile = "paper";

    /// <param name="recorded">The outcome KnownFindings holds for this profile, claim and check; null: none.</param>
    public static FindingAction Decide(string profile, CheckOutcome outcome, CheckOutcome? recorded) =>
        recorded is { } r ? (outcome == r ? FindingAction.SkipRecorded : FindingAction.FailChanged)
        : outcome == CheckOutcome.Re ? FindingAction.Pass
        : profile == PaperProfile ? FindingAction.SkipToRecord
        : FindingAction.FailUnrecorded;
}
