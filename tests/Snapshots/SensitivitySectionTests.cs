using Repro.Report;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>The report's sensitivity section, from a small hand-made study record.</summary>
public sealed class SensitivitySectionTests
{
    static Check ClaimCheck(string name, double mean, CheckOutcome outcome) => new()
    {
        Name = name, Kind = CheckKind.Claim, Metric = "m", Comparison = ">", Threshold = 0, Seeds = [1, 2, 3], PerSeed = [mean, mean, mean],
        Mean = mean, CiLow = mean - 0.1, CiHigh = mean + 0.1, Outcome = outcome,
    };

    static SensitivityAlternative Alternative(string reading, string name, params string[] claims) => new()
    {
        Reading = reading, Name = name, Justification = "why", FlipMeaning = "the lattice artifact decided it", Claims = claims, Settings = reading == "default" ? [] : ["x = 1"],
    };

    static SensitivityCell Cell(string reading, string alternative, string claim, Verdict verdict, params Check[] checks) => new()
    {
        Reading = reading, Alternative = alternative, Claim = claim, Verdict = verdict, Seeds = [0, 1, 2, 3], Checks = checks, WallSeconds = 12,
    };

    static SensitivityRecord Study() => new()
    {
        Profile = "quick", Parameters = [], Claims = ["C1", "C4b"], WallSeconds = 60,
        Environment = new EnvironmentInfo("linux", "cpu (2 cores)", "cpu", "10", "0.107", "2.10", 1, "abc", DateTimeOffset.UnixEpoch),
        Alternatives = [Alternative("default", "our readings", "C1", "C4b"), Alternative("zeroFeedJitter", "jittered", "C4b")],
        Cells =
        [
            Cell("default", "our readings", "C1", Verdict.Re, ClaimCheck("identifies", 9.5, CheckOutcome.Re)),
            Cell("default", "our readings", "C4b", Verdict.Inconclusive, ClaimCheck("CNN*-Adam above twin", 0.05, CheckOutcome.Inconclusive)),
            Cell("zeroFeedJitter", "jittered", "C4b", Verdict.Re, ClaimCheck("CNN*-Adam above twin", 0.3, CheckOutcome.Re)),
        ],
    };

    [Fact]
    public void Given_a_study_where_jitter_flips_C4b_When_the_section_is_built_Then_the_matrix_marks_the_flip_and_leaves_untouched_claims_as_equal()
    {
        var matrix = SensitivitySection.Blocks(Study()).OfType<Table>().Single(t => t.Name == "SensitivityMatrix");
        Assert.Equal(["Reading", "Alternative", "C1", "C4b"], matrix.Header);
        Assert.StartsWith("[Re]", matrix.Rows[0][2]);
        Assert.DoesNotContain(SensitivitySection.FlipMark, matrix.Rows[0][3]);
        Assert.Equal("=", matrix.Rows[1][2]);
        Assert.StartsWith("[Re]", matrix.Rows[1][3]);
        Assert.EndsWith(SensitivitySection.FlipMark, matrix.Rows[1][3]);
    }

    [Fact]
    public void Given_a_flip_When_it_is_described_Then_one_sentence_names_the_claim_the_reading_the_check_and_what_it_means()
    {
        var study = Study();
        var (a, cell, def) = Assert.Single(SensitivitySection.Flips(study));
        var sentence = SensitivitySection.FlipSentence(a, cell, def);
        Assert.Contains("C4b turns [Re] (default inconclusive) under zeroFeedJitter: jittered", sentence);
        Assert.Contains("CNN*-Adam above twin inconclusive → [Re]", sentence);
        Assert.EndsWith("the lattice artifact decided it.", sentence);
        Assert.Contains("C4b (zeroFeedJitter: jittered: inconclusive → [Re])", SensitivitySection.SummarySentence(study));
    }

    [Fact]
    public void Given_a_study_whose_budget_leaves_C4b_out_When_the_section_is_built_Then_its_cells_say_not_tested_at_this_budget_and_no_flip_is_read_into_them()
    {
        var study = Study() with { ClaimsAtBudget = ["C1"], Cells = Study().Cells.Where(c => c.Claim == "C1").ToList() };
        Assert.True(study.Complete);
        var blocks = SensitivitySection.Blocks(study);
        var matrix = blocks.OfType<Table>().Single(t => t.Name == "SensitivityMatrix");
        Assert.Equal(SensitivitySection.NotTestedMark, matrix.Rows[0][3]);
        Assert.Equal(SensitivitySection.NotTestedMark, matrix.Rows[1][3]);
        Assert.Equal("=", matrix.Rows[1][2]);
        Assert.Empty(SensitivitySection.Flips(study));
        var summary = SensitivitySection.SummarySentence(study);
        Assert.Contains("reran C1 under 1 alternative readings: no verdict depends on them.", summary);
        Assert.Contains("those of C4b are 'not tested at this budget' ('--study full'", summary);
        Assert.Contains(blocks.OfType<Paragraph>(), p => p.Text.Contains("At the quick profile's budget the study runs the cells of C1;", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_fixture_study_When_the_section_is_built_Then_the_grid_has_a_cell_for_every_alternative_and_claim_with_the_verdict_of_the_tables_cell()
    {
        var study = Fixture.Context.Sensitivity!;
        var blocks = SensitivitySection.Blocks(study).ToList();
        var grid = blocks.OfType<VerdictGrid>().Single();
        var matrix = blocks.OfType<Table>().Single(t => t.Name == "SensitivityMatrix");
        Assert.Equal(blocks.IndexOf(grid) + 1, blocks.IndexOf(matrix));
        Assert.Equal(study.Claims, grid.ColumnLabels);
        Assert.Equal(study.Alternatives.Select(a => new VerdictGridRow(a.Reading, a.Name)), grid.RowLabels);
        Assert.Equal(study.Alternatives.Count, grid.Cells.Count);
        for (int row = 0; row < study.Alternatives.Count; row++)
        {
            Assert.Equal(study.Claims.Count, grid.Cells[row].Count);
            Assert.Equal([grid.RowLabels[row].Reading, grid.RowLabels[row].Alternative], matrix.Rows[row].Take(2));
            for (int column = 0; column < study.Claims.Count; column++)
            {
                var cell = grid.Cells[row][column];
                var text = matrix.Rows[row][column + 2];
                Assert.StartsWith(cell.Verdict, text);
                Assert.Equal(SensitivitySection.TableText(cell), text);
                var record = study.Cell(study.Alternatives[row].Reading, study.Alternatives[row].Name, study.Claims[column]);
                if (record is not null) Assert.Equal(VerdictText.Of(record.Verdict), cell.Verdict);
            }
        }
        // The fixture shows every kind of cell it has: [¬Re], inconclusive, not tested at this budget and '='.
        Assert.Equal([VerdictGridOutcome.NotRe, VerdictGridOutcome.Inconclusive, VerdictGridOutcome.NotTested, VerdictGridOutcome.Untouched],
            grid.Cells.SelectMany(r => r).Select(c => c.Outcome).Distinct().Order());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Given_a_study_When_the_section_is_built_Then_every_flip_is_a_flipped_grid_cell_and_no_other_cell_is(bool fixture)
    {
        var study = fixture ? Fixture.Context.Sensitivity! : Study();
        var grid = SensitivitySection.Blocks(study).OfType<VerdictGrid>().Single();
        var flips = SensitivitySection.Flips(study)
            .Select(f => (Row: study.Alternatives.ToList().IndexOf(f.Alternative), Column: study.Claims.ToList().IndexOf(f.Cell.Claim))).ToList();
        Assert.NotEmpty(flips);
        var flipped = grid.Cells.SelectMany((r, i) => r.Select((c, j) => (c, Row: i, Column: j))).Where(x => x.c.Flip).Select(x => (x.Row, x.Column)).ToList();
        Assert.Equal(flips.Order(), flipped.Order());
    }

    [Fact]
    public void Given_a_study_where_jitter_flips_C4b_When_the_grid_is_built_Then_its_cells_carry_the_outcome_the_verdict_and_the_deciding_number()
    {
        var grid = SensitivitySection.Blocks(Study()).OfType<VerdictGrid>().Single();
        Assert.Equal(new VerdictGridCell(VerdictGridOutcome.Re, "[Re]", "9.5 [9.4, 9.6]", false), grid.Cells[0][0]);
        Assert.Equal(new VerdictGridCell(VerdictGridOutcome.Inconclusive, "inconclusive", "0.05 [-0.05, 0.15]", false), grid.Cells[0][1]);
        Assert.Equal(new VerdictGridCell(VerdictGridOutcome.Untouched, "=", "", false), grid.Cells[1][0]);
        Assert.Equal(new VerdictGridCell(VerdictGridOutcome.Re, "[Re]", "0.3 [0.2, 0.4]", true), grid.Cells[1][1]);
    }

    [Fact]
    public void Given_no_study_When_the_section_is_built_Then_it_says_how_to_run_it() =>
        Assert.Contains("repro sensitivity", Assert.IsType<Paragraph>(Assert.Single(SensitivitySection.Blocks(null))).Text);
}
