using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

/// <summary>The threshold register: it parses, it is append-only, every current line belongs to a claim of the catalogue and declares what its kind needs.</summary>
public sealed class ThresholdRegisterTests
{
    [Fact]
    public void Given_the_register_compiled_into_this_build_When_read_Then_every_current_line_names_a_claim_of_the_catalogue()
    {
        var ids = ClaimCatalog.All.Select(c => c.Id).ToHashSet();
        var current = ThresholdRegister.Embedded.Current;
        Assert.NotEmpty(current);
        Assert.All(current, e => Assert.True(ids.Contains(e.Claim), $"{e.Claim} '{e.Check}' names no claim of the catalogue"));
        Assert.All(ClaimCatalog.All, c => Assert.Contains(current, e => e.Claim == c.Id));
    }

    [Fact]
    public void Given_the_register_When_read_Then_the_first_thresholds_are_dated_2026_11_24_and_none_is_changed_without_a_later_dated_line()
    {
        var entries = ThresholdRegister.Embedded.Entries;
        Assert.Contains(entries, e => e.Date == new DateOnly(2026, 11, 24));
        foreach (var g in entries.GroupBy(e => (e.Claim, e.Check)))
            Assert.True(g.Select(e => e.Date).SequenceEqual(g.Select(e => e.Date).Order()), $"{g.Key}: lines out of date order");
    }

    [Theory]
    [InlineData("2026-13-01\tC1\tc\tclaim\tm\t≥\t1\tr", "is not yyyy-MM-dd")]
    [InlineData("2026-11-29\tC1\tc\tmaybe\tm\t≥\t1\tr", "is not claim, sanity, recorded or retired")]
    [InlineData("2026-11-29\tC1\tc\tclaim\tm\t≥\tlots\tr", "is not a number")]
    [InlineData("2026-11-29\tC1\tc\tclaim\tm\t≥\t1\t ", "needs its reason")]
    [InlineData("2026-11-29\tC1\tc\tclaim", "expected 8 tab-separated fields")]
    [InlineData("2026-11-29\tC1\tc\tclaim\tm\t≥\t1\tr\tlater", "analysis 'later' is not primary or exploratory")]
    [InlineData("2026-11-29\tC1\tc\tclaim\tm\t≥\t1\tr\n2026-11-24\tC1\tc\tclaim\tm\t≥\t2\tr", "append, never rewrite")]
    public void Given_a_bad_line_When_parsed_Then_one_error_names_the_line_and_what_is_wrong(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ThresholdRegister.Parse(text));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(ThresholdRegister.FileName + " line ", e.Message);
    }

    [Fact]
    public void Given_a_check_changed_on_a_later_date_When_the_current_line_is_taken_Then_it_is_the_later_one_and_a_retired_check_has_none()
    {
        var r = ThresholdRegister.Parse("2026-11-24\tC1\tc\tclaim\tm\t≥\t0.6\tfirst\n2026-11-29\tC1\tc\tclaim\tm\t≥\t0.7\tsecond\n" +
                                        "2026-11-24\tC1\td\tclaim\tm\t≥\t1\tr\n2026-11-29\tC1\td\tretired\t—\t\t—\tgone\n");
        Assert.Equal(0.7, r.CurrentOf("C1", "c")!.Threshold);
        Assert.Null(r.CurrentOf("C1", "d"));
        Assert.Single(r.Current);
        Assert.Equal(4, r.Entries.Count);
    }
    [Fact]
    public void Given_the_register_When_read_Then_every_current_line_declares_what_the_record_builder_needs_for_its_kind()
    {
        // The builder takes a check's comparison and threshold from its line: a claim or sanity line needs both, a recorded line both or neither.
        foreach (var e in ThresholdRegister.Embedded.Current)
        {
            bool compares = e.Comparison is "≥" or ">" or "≤" or "<", bounded = !double.IsNaN(e.Threshold);
            if (e.Kind is "claim" or "sanity") Assert.True(compares && bounded, $"{e.Claim} '{e.Check}': a {e.Kind} line needs a comparison and a threshold");
            else Assert.True(compares == bounded && (compares || e.Comparison.Length == 0), $"{e.Claim} '{e.Check}': a recorded line has a comparison and a threshold, or neither");
            Assert.False(string.IsNullOrWhiteSpace(e.Metric), $"{e.Claim} '{e.Check}' has no metric");
        }
    }

    [Fact]
    public void Given_Table_1_in_code_When_each_row_is_looked_up_Then_the_register_holds_its_accuracy_less_the_rounding_tolerance()
    {
        // C3's check names are built from Table 1 in code; the register's bar is the table's two-decimal accuracy less 0.005.
        foreach (var c in Table1Configuration.All)
        {
            var e = ThresholdRegister.Embedded.CurrentOf("C3", $"{c.DatasetName} {c.Name} reaches {c.PaperAccuracy:F2}");
            Assert.NotNull(e);
            Assert.True(Math.Abs(e.Threshold - (c.PaperAccuracy - 0.005)) < 1e-9, $"{c.DatasetName} {c.Name}: {e.Threshold:R}");
        }
    }
}
