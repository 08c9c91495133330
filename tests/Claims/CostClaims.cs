namespace Repro.Claims.Tests;

/// <summary>C7 — §2.7: the cost of each stage is recorded beside the paper's; nothing about time is asserted.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C7")]
public sealed class CostClaims(ClaimsFixture claims)
{
    [Fact]
    public void Given_the_C7_run_When_its_record_is_read_Then_it_holds_the_cost_per_AP_per_30_ADE_AAI_and_per_training_run()
    {
        var c7 = claims.Get("C7");
        ClaimAssert.IsComplete(c7);
        foreach (var key in new[] { "secondsPerAp", "secondsPer30AdeAai", "secondsPerTraining", "secondsPerAp.batched.FC", "secondsPerAp.oneAtATime.CNN" })
        {
            Assert.True(c7.Timings.ContainsKey(key), $"C7 records {key}");
            Assert.True(double.IsFinite(c7.Timings[key].Mean) && c7.Timings[key].Mean >= 0, $"C7 {key} = {c7.Timings[key].Mean}");
        }
    }
}
