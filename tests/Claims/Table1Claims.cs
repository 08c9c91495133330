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
        Assert.All(C3.Table1, r => Assert.InRange(r.Accuracy.Mean, 0.0, 1.0));
        Assert.All(C3.Table1, r => Assert.True(r.Loss.Mean > 0));
    }
}
