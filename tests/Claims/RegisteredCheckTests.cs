using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// Every current line of the threshold register, asserted as its kind asks, and every claim's record whole. The rows come
/// from the register (<see cref="Registered"/>), so a line added for any claim, of any kind, is asserted without touching
/// this class, and a claim with no line of a kind simply has no row of that kind.
/// </summary>
[Collection(ClaimsCollection.Name)]
public sealed class RegisteredCheckTests(ClaimsFixture claims)
{
    public static TheoryData<string, CheckKind, string> Checks => Registered.Checks(kind => kind switch
    {
        CheckKind.Claim => "When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold",
        CheckKind.Sanity => "When_a_registered_sanity_check_is_read_Then_it_holds_on_every_seed",
        CheckKind.Recorded => "When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind of check the claims suite does not assert yet"),
    });

    public static TheoryData<string> EveryClaim =>
        Registered.EveryClaim(nameof(Given_a_claims_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks));

    [Theory]
    [MemberData(nameof(Checks))]
    public void Given_a_claims_run_When_a_registered_check_is_read_Then_it_holds_as_its_kind_asks(string claim, CheckKind kind, string check)
    {
        var record = claims.Get(claim);
        switch (kind)
        {
            case CheckKind.Claim: ClaimAssert.Holds(record, check); break;
            case CheckKind.Sanity: ClaimAssert.Sane(record, check); break;
            case CheckKind.Recorded: ClaimAssert.IsRecorded(record, check); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind of check the claims suite does not assert yet");
        }
    }

    [Theory]
    [MemberData(nameof(EveryClaim))]
    public void Given_a_claims_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks(string claim) =>
        ClaimAssert.IsComplete(claims.Get(claim));
}
