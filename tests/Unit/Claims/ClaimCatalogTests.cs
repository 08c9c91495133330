using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

/// <summary>Selecting claims by id on the command line, and the claims that run are the paper's claims of one catalogue.</summary>
public sealed class ClaimCatalogTests
{
    [Fact]
    public void Given_C4_When_claims_are_selected_Then_it_names_both_C4a_and_C4b() =>
        Assert.Equal(["C4a", "C4b"], ClaimCatalog.Select("c4").Select(c => c.Id));

    [Fact]
    public void Given_a_list_When_claims_are_selected_Then_each_is_named_once_in_the_given_order() =>
        Assert.Equal(["C6", "C4b", "C1"], ClaimCatalog.Select("C6, C4b,C1,c6").Select(c => c.Id));

    [Theory]
    [InlineData(" ")]
    [InlineData(",")]
    [InlineData(" , ,")]
    public void Given_a_list_that_names_no_claim_When_claims_are_selected_Then_it_is_refused_never_taken_for_all(string ids)
    {
        var e = Assert.Throws<ArgumentException>(() => ClaimCatalog.Select(ids));
        Assert.StartsWith($"'{ids}' names no claim", e.Message);
    }

    [Fact]
    public void Given_no_list_or_all_When_claims_are_selected_Then_every_claim_is_selected()
    {
        Assert.Equal(ClaimCatalog.All, ClaimCatalog.Select(null));
        Assert.Equal(ClaimCatalog.All, ClaimCatalog.Select("ALL"));
    }

    [Fact]
    public void Given_an_unknown_id_When_claims_are_selected_Then_the_error_lists_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ClaimCatalog.Select("C11"));
        Assert.Equal("Unknown claim 'C11': use one of C1, C2, C3, C4a, C4b, C5, C6, C7, C8, C9, C10.", e.Message);
        Assert.Equal(["C1"], ClaimCatalog.Select("C1").Select(c => c.Id)); // "C1" is not a prefix that names C10
    }

    [Fact]
    public void Given_the_claims_that_run_When_set_beside_the_papers_claims_Then_they_are_the_same_claims_in_the_same_order_each_with_its_own_info()
    {
        Assert.Equal(PaperClaims.All.Select(c => c.Id), ClaimCatalog.All.Select(c => c.Id));
        Assert.All(ClaimCatalog.All, c => Assert.Same(PaperClaims.Find(c.Id), c.Info));
        Assert.All(PaperClaims.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Title) || string.IsNullOrWhiteSpace(c.Section) || string.IsNullOrWhiteSpace(c.PaperWords), c.Id));
        Assert.Equal(PaperClaims.All.Count, PaperClaims.All.Select(c => c.Title).Distinct().Count());
    }
}
