namespace Repro.Claims.Tests;

/// <summary>C3 — Table 1 (§2.4): the twelve networks reach the table's accuracy on the untouched test set.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C3")]
public sealed class C3Table1TrainingTests(ClaimsFixture claims)
{
    private Results.ClaimResult Record => claims.Get("C3");

    public static TheoryData<string> ClaimChecks => Registered.ClaimChecks("C3");
    public static TheoryData<string> SanityChecks => Registered.SanityChecks("C3");
    public static TheoryData<string> RecordedValues => Registered.RecordedValues("C3");

    [Theory]
    [MemberData(nameof(ClaimChecks))]
    public void Given_the_C3_run_When_a_registered_claim_check_is_judged_per_seed_Then_its_95_percent_interval_clears_the_threshold(string check) =>
        ClaimAssert.Holds(Record, check);

    [Theory]
    [MemberData(nameof(RecordedValues))]
    public void Given_the_C3_run_When_a_registered_value_is_looked_up_Then_the_record_holds_it_per_seed(string check) =>
        ClaimAssert.IsRecorded(Record, check);

    [Fact]
    public void Given_the_C3_run_When_its_record_is_read_Then_it_holds_every_field_and_its_verdict_follows_its_checks() =>
        ClaimAssert.IsComplete(Record);

    [Fact]
    public void Given_the_C3_run_When_its_record_is_read_Then_Table_1_has_twelve_rows_beside_the_papers_numbers_one_value_per_seed()
    {
        Assert.Equal(12, Record.Table1.Count);
        // The paper's Table 1, typed in from the paper.
        (string, string, string, double, double)[] paper =
        [
            ("MNIST", "FC", "SGD", 0.95, 0.19), ("MNIST", "FC", "Adam", 0.98, 0.07), ("MNIST", "CNN", "SGD", 0.93, 0.24),
            ("MNIST", "CNN", "Adam", 0.99, 0.05), ("MNIST", "CNN*", "SGD", 0.99, 0.03), ("MNIST", "CNN*", "Adam", 0.98, 0.06),
            ("F-MNIST", "FC", "SGD", 0.85, 0.42), ("F-MNIST", "FC", "Adam", 0.88, 0.33), ("F-MNIST", "CNN", "SGD", 0.84, 0.45),
            ("F-MNIST", "CNN", "Adam", 0.92, 0.24), ("F-MNIST", "CNN*", "SGD", 0.92, 0.22), ("F-MNIST", "CNN*", "Adam", 0.92, 0.25),
        ];
        Assert.Equal(paper, Record.Table1.Select(r => (r.Dataset, r.Architecture, r.Optimizer, r.PaperAccuracy, r.PaperLoss)));
        var profile = Experiments.Claims.Profiles.Get(Record.Profile);
        Assert.All(Record.Table1, r => Assert.Equal(r.Architecture == "FC" ? profile.FcSeeds.Length : profile.CnnSeeds.Length, r.Accuracy.Values.Count));
    }
}
