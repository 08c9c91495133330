namespace Repro.Tests.Shared;

/// <summary>What a claim test does with a claim check's outcome (ClaimAssert in tests/Claims), kept apart so the unit tests can check the rule.</summary>
public enum FindingAction
{
    /// <summary>[Re]: the test passes.</summary>
    Pass,
    /// <summary>The outcome recorded in KnownFindings for this profile: skipped with its numbers.</summary>
    SkipRecorded,
    /// <summary>A recorded outcome that changed: fails, so KnownFindings and the README get updated.</summary>
    FailChanged,
    /// <summary>A paper-profile outcome that is not [Re] and not recorded: skipped with its numbers as a finding to record.</summary>
    SkipToRecord,
    /// <summary>A quick-profile outcome that is not [Re] and not recorded: fails, as it always has.</summary>
    FailUnrecorded,
}
