namespace Repro.Claims.Tests;

/// <summary>
/// What a claim's record holds for the paper's figures and Table 1 beyond its register checks: the panels each figure
/// draws, C9's matrices, and Table 1 beside the paper's numbers. Each fact carries its claim's trait.
/// </summary>
[Collection(ClaimsCollection.Name)]
public sealed class FigureAndTableTests(ClaimsFixture claims)
{
    /// <summary>Each figure the paper draws from one claim's record, with its panel count: (claim, figure, panels).</summary>
    public static TheoryData<string, string, int> FigurePanels =>
        new(new (string Claim, string Figure, int Panels)[] { ("C1", "Figure1", 30), ("C2", "Figure2", 9), ("C4b", "Figure3", 130), ("C6", "Figure5", 12) }
            .Select(f => Registered.ForClaim(new TheoryDataRow<string, string, int>(f.Claim, f.Figure, f.Panels), f.Claim,
                $"Given_the_{f.Claim}_run_When_its_record_is_read_Then_{f.Figure}_has_its_{f.Panels}_panels")));

    [Theory]
    [MemberData(nameof(FigurePanels))]
    public void Given_a_claims_run_When_its_record_is_read_Then_a_figure_it_draws_has_its_panels(string claim, string figure, int panels) =>
        Assert.Equal(panels, claims.Get(claim).Images.Count(i => i.Figure == figure));

    [Fact]
    [Claim("C3")]
    public void Given_the_C3_run_When_its_record_is_read_Then_Table_1_has_twelve_rows_beside_the_papers_numbers_one_value_per_seed()
    {
        var record = claims.Get("C3");
        Assert.Equal(12, record.Table1.Count);
        // The paper's Table 1, typed in from the paper.
        (string, string, string, double, double)[] paper =
        [
            ("MNIST", "FC", "SGD", 0.95, 0.19), ("MNIST", "FC", "Adam", 0.98, 0.07), ("MNIST", "CNN", "SGD", 0.93, 0.24),
            ("MNIST", "CNN", "Adam", 0.99, 0.05), ("MNIST", "CNN*", "SGD", 0.99, 0.03), ("MNIST", "CNN*", "Adam", 0.98, 0.06),
            ("F-MNIST", "FC", "SGD", 0.85, 0.42), ("F-MNIST", "FC", "Adam", 0.88, 0.33), ("F-MNIST", "CNN", "SGD", 0.84, 0.45),
            ("F-MNIST", "CNN", "Adam", 0.92, 0.24), ("F-MNIST", "CNN*", "SGD", 0.92, 0.22), ("F-MNIST", "CNN*", "Adam", 0.92, 0.25),
        ];
        Assert.Equal(paper, record.Table1.Select(r => (r.Dataset, r.Architecture, r.Optimizer, r.PaperAccuracy, r.PaperLoss)));
        var profile = Experiments.Claims.Profiles.Get(record.Profile);
        Assert.All(record.Table1, r => Assert.Equal(r.Architecture == "FC" ? profile.FcSeeds.Length : profile.CnnSeeds.Length, r.Accuracy.Values.Count));
    }

    [Fact]
    [Claim("C8")]
    public void Given_the_C8_run_When_its_panels_are_read_Then_each_seed_shows_the_canary_AP_beside_the_clean_AP_and_the_black_box_row_sits_beside_the_white_box_row()
    {
        var record = claims.Get("C8");
        var canary = record.Images.Where(i => i.Figure == Experiments.Claims.C8BlackBoxPipeline.CanaryFigure).ToList();
        Assert.Equal(2 * record.Seeds.Count, canary.Count);
        Assert.Equal(2, canary.Select(i => i.Column).Distinct().Count());
        var box = record.Images.Where(i => i.Figure == Experiments.Claims.C8BlackBoxPipeline.BlackBoxFigure).ToList();
        Assert.Equal(3, box.Select(i => i.Row).Distinct().Count());
        Assert.Equal(30, box.Count);
    }

    [Fact]
    [Claim("C9")]
    public void Given_the_C9_run_When_its_record_is_read_Then_it_holds_a_6_by_6_pair_matrix_and_a_6_by_6_transfer_matrix_per_dataset() =>
        Assert.Equal(4, claims.Get("C9").Matrices.Count(m => m.Figure == "C9" && m.RowLabels.Count == 6 && m.ColumnLabels.Count == 6));

    [Fact]
    [Claim("C10")]
    public void Given_the_C10_run_When_its_panels_are_read_Then_the_7x7_and_the_2_class_networks_show_their_PNCs_beside_their_zero_feed_APs()
    {
        var panels = claims.Get("C10").Images.Where(i => i.Figure == Experiments.Claims.C10SparseNegativeSet.Figure).ToList();
        Assert.Equal(4, panels.Select(i => i.Row).Distinct().Count());
        Assert.Equal(2 * 10 + 2 * 2, panels.Count);
        Assert.All(panels.Where(i => i.Row.StartsWith("7×7", StringComparison.Ordinal)), i => Assert.Equal((7, 7), (i.Height, i.Width)));
    }
}
