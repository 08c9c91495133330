namespace Repro.Claims.Tests;

/// <summary>C5 — §3: the clarity of the APs falls as the model grows (Spearman ρ with its exact p).</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C5")]
public sealed class C5ClarityTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C5");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C5");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C5");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C5_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(SanityChecks))]
    public void Given_the_C5_run_When_a_sanity_check_is_read_Then_it_holds_on_every_seed(string check) =>
        ClaimAssert.Sane(Record, check);

    [Fact]
    public void Given_the_C5_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Fact]
    public void Given_the_C5_run_When_rho_is_recomputed_by_MathNet_from_the_six_clarities_in_the_record_Then_it_equals_the_recorded_rho()
    {
        foreach (var dataset in new[] { "MNIST", "F-MNIST" })
        {
            string[] order = ["FC-SGD", "FC-Adam", "CNN-SGD", "CNN-Adam", "CNN*-SGD", "CNN*-Adam"];
            var clarity = order.Select(n => Record.Metrics[$"{dataset} {n}.clarity"].Mean).ToArray();
            double rho = MathNet.Numerics.Statistics.Correlation.Spearman(Enumerable.Range(1, 6).Select(i => (double)i), clarity);
            Assert.Equal(rho, Record.Metrics[$"{dataset}.spearmanRho"].Mean, 1e-9);
            var p = Record.Metrics[$"{dataset}.exactP"].Mean;
            Assert.InRange(p, 1.0 / 720, 1.0);
        }
    }
}
