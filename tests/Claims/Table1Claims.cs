using Repro.Experiments.Claims;

namespace Repro.Claims.Tests;

/// <summary>C3 — Table 1 (§2.4): the twelve networks reach the table's accuracy.</summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "C3")]
public sealed class Table1Claims(ClaimsFixture claims)
{
    private Results.ClaimResult C3 => claims.Get("C3");

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var c in Table1Configuration.All) data.Add($"{c.DatasetName} {c.Name} reaches {c.PaperAccuracy:F2}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Given_a_Table_1_configuration_When_trained_up_to_the_tables_accuracy_Then_its_test_accuracy_reaches_it(string check) =>
        ClaimAssert.Holds(C3, check);

    [Fact]
    public void Given_the_C3_run_When_its_record_is_read_Then_Table_1_has_twelve_rows_beside_the_papers_numbers()
    {
        ClaimAssert.IsComplete(C3);
        Assert.Equal(12, C3.Table1.Count);
        // The paper's Table 1, typed in from the paper, beside every reproduced row, one value per seed.
        (string, string, string, double, double)[] paper =
        [
            ("MNIST", "FC", "SGD", 0.95, 0.19), ("MNIST", "FC", "Adam", 0.98, 0.07), ("MNIST", "CNN", "SGD", 0.93, 0.24),
            ("MNIST", "CNN", "Adam", 0.99, 0.05), ("MNIST", "CNN*", "SGD", 0.99, 0.03), ("MNIST", "CNN*", "Adam", 0.98, 0.06),
            ("F-MNIST", "FC", "SGD", 0.85, 0.42), ("F-MNIST", "FC", "Adam", 0.88, 0.33), ("F-MNIST", "CNN", "SGD", 0.84, 0.45),
            ("F-MNIST", "CNN", "Adam", 0.92, 0.24), ("F-MNIST", "CNN*", "SGD", 0.92, 0.22), ("F-MNIST", "CNN*", "Adam", 0.92, 0.25),
        ];
        Assert.Equal(paper, C3.Table1.Select(r => (r.Dataset, r.Architecture, r.Optimizer, r.PaperAccuracy, r.PaperLoss)));
        var profile = Experiments.Claims.Profiles.Get(C3.Profile);
        Assert.All(C3.Table1, r => Assert.Equal(r.Architecture == "FC" ? profile.FcSeeds.Length : profile.CnnSeeds.Length, r.Accuracy.Values.Count));
    }
}
