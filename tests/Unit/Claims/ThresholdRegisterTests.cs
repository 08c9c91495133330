using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

/// <summary>The threshold register: it parses, it is append-only, and every current line belongs to a claim of the catalogue.</summary>
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
}

/// <summary>The thresholds in code agree with the register's current lines, checked without running a claim.</summary>
public sealed class ThresholdsInCodeTests
{
    public static TheoryData<string, string, double> Constants() => new()
    {
        { "C1", "same-class agreement of zero feed, noise feed and AAI", C1MethodAgreement.PairThreshold },
        { "C1", "high confidence", C1MethodAgreement.ConfidenceThreshold },
        { "C1", "each AP picks its own class across methods", C1MethodAgreement.IdentificationThreshold },
        { "C1", "every ADE classified as its target", C1MethodAgreement.ClassifiedThreshold },
        { "C8", "black-box APs identify their class's PNC", C8BlackBoxPipeline.BlackBoxTop1 },
        { "C2", "noise feed settings agree", C2ParameterRobustness.WithinThreshold },
        { "C2", "AAI sizes agree", C2ParameterRobustness.WithinThreshold },
        { "C2", "methods agree", C2ParameterRobustness.AcrossThreshold },
        { "C4a", "MNIST FC-SGD zero feed: unique per class", C4aSimpleNetworksApVersusPnc.Top1Mnist },
        { "C4a", "F-MNIST FC-SGD noise feed: unique per class", C4aSimpleNetworksApVersusPnc.Top1Fashion },
        { "C4a", "MNIST FC-SGD zero feed: far above the untrained twin", C4aSimpleNetworksApVersusPnc.OverUntrained },
        { "C4b", "every network and feed at least 0.2 above its untrained twin (reading of 2026-11-24)", C4bEveryNetworkApVersusPnc.StrictOverUntrained },
        { "C6", "tiling: PNC equals class", 1 - C6DummyDatasets.PncEqualsTolerance },
        { "C6", "tiling: AP replicates class", C6DummyDatasets.TilingApThreshold },
        { "C6", "overlapping: AP carries the PNC's contrast", C6DummyDatasets.OrthogonalThreshold },
    };

    [Theory]
    [MemberData(nameof(Constants))]
    public void Given_a_threshold_constant_in_a_claim_When_looked_up_in_the_register_Then_its_current_line_has_the_same_value(string claim, string check, double value)
    {
        var e = ThresholdRegister.Embedded.CurrentOf(claim, check);
        Assert.NotNull(e);
        Assert.True(Math.Abs(e.Threshold - value) < 1e-9, $"{claim} '{check}': {value:R} in code, {e.Threshold:R} in {ThresholdRegister.FileName}");
    }

    [Fact]
    public void Given_Table_1_in_code_When_each_row_is_looked_up_Then_the_register_holds_its_accuracy_less_the_rounding_tolerance()
    {
        foreach (var c in Table1Configuration.All)
        {
            var e = ThresholdRegister.Embedded.CurrentOf("C3", $"{c.DatasetName} {c.Name} reaches {c.PaperAccuracy:F2}");
            Assert.NotNull(e);
            Assert.True(Math.Abs(e.Threshold - (c.PaperAccuracy - C3Table1Training.RoundingTolerance)) < 1e-9, $"{c.DatasetName} {c.Name}: {e.Threshold:R}");
        }
    }
}
