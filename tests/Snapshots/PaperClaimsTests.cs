using Repro.Report;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>
/// The report names a claim as its record does: the fixture's records carry the title, section and words of
/// <see cref="PaperClaims"/>, which the report also reads for a claim with no record, and every figure a claim names is one the report knows.
/// </summary>
public sealed class PaperClaimsTests
{
    [Fact]
    public void Given_the_fixture_When_each_record_is_set_beside_its_paper_claim_Then_title_section_and_words_are_the_same()
    {
        var records = Fixture.Records();
        Assert.Equal(PaperClaims.All.Select(c => c.Id).Order(StringComparer.Ordinal), records.Select(r => r.Id).Order(StringComparer.Ordinal));
        foreach (var r in records)
        {
            var info = PaperClaims.Find(r.Id)!;
            Assert.Equal((info.Title, info.Section, info.PaperWords), (r.Title, r.Section, r.PaperWords));
        }
    }

    [Fact]
    public void Given_the_paper_claims_When_their_figures_are_looked_up_Then_each_is_a_figure_of_the_catalogue() =>
        Assert.All(PaperClaims.All.SelectMany(c => c.Figures), key => Assert.Contains(PaperCatalogue.Figures, f => f.Key == key));
}
