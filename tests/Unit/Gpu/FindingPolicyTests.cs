using Repro.Results;

namespace Repro.Unit.Tests.Gpu;

/// <summary>Known findings per profile: the paper profile reports an unrecorded outcome as a finding to record; the quick profile still fails on it.</summary>
public sealed class FindingPolicyTests
{
    [Theory]
    [InlineData("quick", CheckOutcome.Re, null, FindingAction.Pass)]
    [InlineData("paper", CheckOutcome.Re, null, FindingAction.Pass)]
    [InlineData("quick", CheckOutcome.NotRe, null, FindingAction.FailUnrecorded)]
    [InlineData("quick", CheckOutcome.Inconclusive, null, FindingAction.FailUnrecorded)]
    [InlineData("paper", CheckOutcome.NotRe, null, FindingAction.SkipToRecord)]
    [InlineData("paper", CheckOutcome.Inconclusive, null, FindingAction.SkipToRecord)]
    [InlineData("quick", CheckOutcome.NotRe, CheckOutcome.NotRe, FindingAction.SkipRecorded)]
    [InlineData("paper", CheckOutcome.Inconclusive, CheckOutcome.Inconclusive, FindingAction.SkipRecorded)]
    [InlineData("quick", CheckOutcome.Re, CheckOutcome.NotRe, FindingAction.FailChanged)]
    [InlineData("paper", CheckOutcome.NotRe, CheckOutcome.Inconclusive, FindingAction.FailChanged)]
    public void Given_a_profile_an_outcome_and_what_is_recorded_When_decided_Then_the_claim_test_passes_skips_or_fails_as_the_profile_says(
        string profile, CheckOutcome outcome, CheckOutcome? recorded, FindingAction expected) =>
        Assert.Equal(expected, FindingPolicy.Decide(profile, outcome, recorded));
}
