namespace Repro.Claims.Tests;

/// <summary>
/// Values in a claim's record recomputed here another way: C5's ρ by MathNet from the record's clarities, and C8's query
/// count from the profile. Each fact carries its claim's trait.
/// </summary>
[Collection(ClaimsCollection.Name)]
public sealed class RecomputedValueTests(ClaimsFixture claims)
{
    [Fact]
    [Claim("C5")]
    public void Given_the_C5_run_When_rho_is_recomputed_by_MathNet_from_the_six_clarities_in_the_record_Then_it_equals_the_recorded_rho()
    {
        var record = claims.Get("C5");
        foreach (var dataset in new[] { "MNIST", "F-MNIST" })
        {
            string[] order = ["FC-SGD", "FC-Adam", "CNN-SGD", "CNN-Adam", "CNN*-SGD", "CNN*-Adam"];
            var clarity = order.Select(n => record.Metrics[$"{dataset} {n}.clarity"].Mean).ToArray();
            double rho = MathNet.Numerics.Statistics.Correlation.Spearman(Enumerable.Range(1, 6).Select(i => (double)i), clarity);
            Assert.Equal(rho, record.Metrics[$"{dataset}.spearmanRho"].Mean, 1e-9);
            var p = record.Metrics[$"{dataset}.exactP"].Mean;
            Assert.InRange(p, 1.0 / 720, 1.0);
        }
    }

    [Fact]
    [Claim("C8")]
    public void Given_the_C8_run_When_its_queries_are_read_Then_each_black_box_AP_took_one_query_per_step_plus_the_estimates()
    {
        var record = claims.Get("C8");
        var queries = record.Checks.Single(c => c.Name == "queries per black-box AP");
        var p = Experiments.Claims.Profiles.Get(record.Profile);
        // Every class runs all its steps (the stop is the iteration count): one forward pass per step and a last one, plus 20 per step.
        Assert.All(queries.PerSeed, q => Assert.Equal(p.Iterations + 1 + p.Iterations * Experiments.Claims.C8BlackBoxPipeline.NesSamplesPerStep, q));
    }
}
