using Repro.Experiments.Claims;

namespace Repro.Unit.Tests.Claims;

/// <summary>Selecting claims by id on the command line.</summary>
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
}
