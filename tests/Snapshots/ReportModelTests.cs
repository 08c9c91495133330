using Repro.Report;
using Repro.Results;

namespace Repro.Snapshots.Tests;

public class ReportModelTests
{
    private static ReportDocument Build(IReadOnlyList<ClaimResult>? records = null) =>
        ReportModelBuilder.Build(records ?? Fixture.Records(), Fixture.Context);

    private static Table FindingsTable(ReportDocument doc) => doc.Sections[0].Blocks.OfType<Table>().Single(t => t.Name == "Findings");

    private static Table ClaimsTable(ReportDocument doc) => doc.Sections.Single(s => s.Anchor == "Claims").Blocks.OfType<Table>().Single(t => t.Name == "Claims");

    [Fact]
    public void Given_a_fixture_without_the_C7_record_When_the_model_is_built_Then_C7_is_listed_as_not_run()
    {
        var doc = Build(Fixture.Records().Where(r => r.Id != "C7").ToList());
        var row = ClaimsTable(doc).Rows.Single(r => r[0] == "C7");
        Assert.Equal("not run", row[3]);
        Assert.Equal("not run", FindingsTable(doc).Rows.Single(r => r[0] == "C7")[1]);
        Assert.Contains("1 not run", doc.Sections.Single(s => s.Anchor == "Claims").Blocks.OfType<Paragraph>().First().Text);
    }

    static StageTable HandMadeStages() => new()
    {
        Command = "reproduce", Profile = "quick", Date = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), Cpu = "Test CPU",
        Cores = 2, Jobs = 2, Threads = 1, MatmulRates = [new MatmulRate(1, 512, 10e9), new MatmulRate(2, 512, 20e9)],
        WallSeconds = 100, ProcessCpuSeconds = 150,
        Stages =
        [
            new("train MNIST-CNN-Adam-s2", StageKind.Training, "C3", 1, 60, 58, 300e9),
            new("evaluate MNIST-CNN-Adam-s2", StageKind.Evaluation, "C3", 1, 6, 6, 20e9),
            new("attack MNIST FC-SGD s0 (20 ADEs, 1000 it)", StageKind.Attack, "C1", 1, 20, 19, 80e9),
            new("claim C3", StageKind.Claim, "C3", 1, 70, 10, 0),
        ],
    };

    [Fact]
    public void Given_no_stage_table_When_the_model_is_built_Then_the_cost_section_has_no_stage_table()
    {
        var cost = Build().Sections.Single(s => s.Anchor == "Cost");
        Assert.DoesNotContain(cost.Blocks.OfType<Table>(), t => t.Name == "Stages");
    }

    [Fact]
    public void Given_a_stage_table_When_the_model_is_built_Then_the_cost_section_shows_the_floor_multiple_core_use_overhead_and_the_longest_stages_first()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context with { Stages = HandMadeStages() });
        var cost = doc.Sections.Single(s => s.Anchor == "Cost");
        var text = string.Join("\n", cost.Blocks.OfType<Paragraph>().Select(p => p.Text));
        var table = cost.Blocks.OfType<Table>().Single(t => t.Name == "Stages");

        Assert.Contains("Wall time 100.0 s = 5.0 × the floor", text);
        Assert.Contains("Core use: 75%", text);
        Assert.Contains("= 10.0%", text);
        Assert.Equal(["claim C3", "train MNIST-CNN-Adam-s2", "attack MNIST FC-SGD s0 (20 ADEs, 1000 it)", "evaluate MNIST-CNN-Adam-s2"], table.Rows.Select(r => r[0]));
        Assert.Equal("50.0%", table.Rows[1][^1]);   // 5 GFLOP/s against 10 GFLOP/s on one thread
    }

    [Fact]
    public void Given_a_refused_C3_record_When_the_model_is_built_Then_C3_is_marked_invalid_record_with_the_reason_in_its_section()
    {
        var invalid = new Dictionary<string, string> { ["C3"] = "its id 'C6' does not match the file name 'C3'" };
        var doc = ReportModelBuilder.Build(Fixture.Records().Where(r => r.Id != "C3").ToList(), Fixture.Context, invalid);

        Assert.Equal(ReportModelBuilder.InvalidRecord, ClaimsTable(doc).Rows.Single(r => r[0] == "C3")[3]);
        Assert.Equal(ReportModelBuilder.InvalidRecord, FindingsTable(doc).Rows.Single(r => r[0] == "C3")[1]);
        var section = doc.Sections.Single(s => s.Anchor == "ClaimC3");
        Assert.StartsWith("Invalid record: its id 'C6' does not match the file name 'C3'", section.Blocks.OfType<Paragraph>().Single().Text);
    }

    [Fact]
    public void Given_the_fixture_When_the_claims_table_is_built_Then_it_lists_C1_to_C10_with_their_verdicts_in_order()
    {
        var rows = ClaimsTable(Build()).Rows;
        Assert.Equal(["C1", "C2", "C3", "C4a", "C4b", "C5", "C6", "C7", "C8", "C9", "C10"], rows.Select(r => r[0]));
        // The quick run of 2026-12-03: C4a and C4b [¬Re] on their primary analyses (the class mean explains MNIST's APs better than
        // the PNC), [Re] on the exploratory ones; C3 inconclusive on the five networks tested, seven not tested at this budget; C5 and C9
        // not tested (they use capped networks); C2 and C6 have checks astride the bar; C7 is recorded; C1 reproduces. Since 2026-12-04 C8 is
        // [¬Re] on its rival check (the AP templates sort test images as the class means do), and C10 [¬Re] on both analyses, its density
        // direction the opposite of §4.2's prediction.
        Assert.Equal(["[Re]", "inconclusive", "inconclusive", "[¬Re]", "[¬Re]", "not tested at this budget", "inconclusive", "recorded", "[¬Re]", "not tested at this budget", "[¬Re]"],
            rows.Select(r => r[3]));
        Assert.Equal(["—", "—", "—", "[Re]", "[Re] where tested", "—", "—", "—", "[¬Re]", "[Re] where tested", "[¬Re]"], rows.Select(r => r[4]));
    }

    [Fact]
    public void Given_the_fixture_When_page_1_is_built_Then_every_claim_has_one_sentence_with_its_verdict_and_deciding_number()
    {
        var doc = Build();
        var findings = FindingsTable(doc);
        Assert.Equal(ClaimsTable(doc).Rows.Select(r => r[0]), findings.Rows.Select(r => r[0]));
        Assert.Equal(findings.Rows.Select(r => ReportModelBuilder.ClaimAnchor(r[0])), findings.RowLinks!);
        // The verdict column agrees with the claims table, exploratory verdict included.
        Assert.Equal(ClaimsTable(doc).Rows.Select(r => r[4] == "—" ? r[3] : $"{r[3]}; exploratory {r[4]}"), findings.Rows.Select(r => r[1]));
        // The deciding check is the first primary claim check with the claim's outcome: for C3 (inconclusive) MNIST CNN-SGD, not the
        // first capped network.
        var c3 = Fixture.Records().Single(r => r.Id == "C3");
        var deciding = c3.Checks.First(c => c.Kind == CheckKind.Claim && c.Outcome == CheckOutcome.Inconclusive);
        Assert.Equal("MNIST CNN-SGD reaches 0.93", deciding.Name);
        Assert.Equal($"{c3.Title}. Of 12 primary claim checks: 4 [Re], 1 inconclusive, 7 not tested at this budget; deciding: {deciding.Name}: " +
                     $"{ReportModelBuilder.CheckText(deciding)}.", findings.Rows.Single(r => r[0] == "C3")[2]);
        // A recorded claim gives its first value beside the paper's.
        Assert.Contains("recorded, with no verdict; seconds per AP", findings.Rows.Single(r => r[0] == "C7")[2]);
        Assert.Contains("beside the paper's 5.", findings.Rows.Single(r => r[0] == "C7")[2]);
        // The fixture's records come from three commits: page 1 says so, naming which claims each wrote.
        var warning = Assert.Single(doc.Sections[0].Blocks.OfType<Paragraph>(), p => p.Style == TextStyle.Finding).Text;
        Assert.StartsWith("Warning: these records were written by 3 commits (", warning);
        foreach (var r in Fixture.Records()) Assert.Contains(r.Environment.Commit[..12], warning);
        // The profile's caveats: its reductions in short, and how many checks its caps leave untested, by claim.
        var caveats = Assert.Single(doc.Sections[0].Blocks.OfType<Paragraph>(), p => p.Text.StartsWith("The 'quick' profile reduces", StringComparison.Ordinal)).Text;
        Assert.Contains("CNN training capped at 2 epochs", caveats);
        int untested = Fixture.Records().Sum(r => r.Checks.Count(c => c.Kind == CheckKind.Claim && c.Outcome == CheckOutcome.NotTested));
        Assert.Contains($"so {untested} claim checks that use them are not tested at this budget (C3 7, C4b 29, C5 4, C9 28)", caveats);
    }

    [Fact]
    public void Given_the_fixture_When_the_claims_section_is_built_Then_every_claim_check_has_its_mean_interval_p_and_threshold_in_words()
    {
        var doc = Build();
        var tables = Fixture.Records().Where(r => r.Checks.Any(c => c.Kind == CheckKind.Claim))
            .ToDictionary(r => r.Id, r => doc.Sections.Single(s => s.Anchor == ReportModelBuilder.ClaimAnchor(r.Id)).Blocks.OfType<Table>().Single(t => t.Name == $"Claim{r.Id}"));
        Assert.All(tables.Values, t => Assert.Equal(["Claim check", "Mean", "95% CI", "p", "Threshold", "n", "Outcome"], t.Header));
        Assert.All(Fixture.Records().Where(r => tables.ContainsKey(r.Id)), r => Assert.Equal(r.Checks.Count(c => c.Kind == CheckKind.Claim), tables[r.Id].Rows.Count));
        // A Fisher-z interval is marked z; a family member shows its family-wise interval and Holm-adjusted p; a floor p is a bound.
        Assert.Contains(tables["C5"].Rows, r => r.SequenceEqual(["MNIST: clarity falls with complexity", "-0.614", "[-0.66, -0.566] z", "0.0022", "< 0, p < 0.01", "4", "not tested at this budget"]));
        Assert.Contains(tables["C4b"].Rows, r => r[0] == "MNIST FC-SGD: above its untrained twin [exploratory]" && r[2].Contains("; family of 5: [", StringComparison.Ordinal)
                                                  && r[3].StartsWith("≤ 1.0e-4 (Holm ≤ ", StringComparison.Ordinal));
        Assert.DoesNotContain(tables.Values.SelectMany(t => t.Rows).SelectMany(r => r), cell => cell.Contains("minSameClassR", StringComparison.Ordinal));
        // Each check leads to the figure that draws it: an F-MNIST check of C4b to Figure 4, the overlapping dataset's to Figure 6, C3's to Table 1.
        string LinkOf(string id, string check) => tables[id].RowLinks![tables[id].Rows.ToList().FindIndex(r => r[0].StartsWith(check, StringComparison.Ordinal))]!;
        Assert.Equal(ReportModelBuilder.FigureAnchor("Figure3"), LinkOf("C4b", "MNIST FC-SGD: above its untrained twin"));
        Assert.Equal(ReportModelBuilder.FigureAnchor("Figure4"), LinkOf("C4b", "F-MNIST FC-SGD: above its untrained twin"));
        Assert.Equal(ReportModelBuilder.FigureAnchor("Figure6"), LinkOf("C6", "overlapping"));
        Assert.Equal("Table1Training", LinkOf("C3", "MNIST CNN-SGD reaches"));
        // Per-seed values, metrics and notes are in the checks appendix, every check of every kind.
        var appendix = doc.Sections.Single(s => s.Anchor == "Checks").Blocks.OfType<Table>().ToList();
        Assert.Equal(Fixture.Records().Sum(r => r.Checks.Count), appendix.Sum(t => t.Rows.Count));
    }

    [Fact]
    public void Given_a_NotRe_claim_When_its_section_is_built_Then_its_finding_names_at_most_four_deciding_checks_and_the_appendix_holds_the_whole_finding()
    {
        var doc = Build();
        var c4b = Fixture.Records().Single(r => r.Id == "C4b");
        var finding = Assert.Single(doc.Sections.Single(s => s.Anchor == "ClaimC4b").Blocks.OfType<Paragraph>(), p => p.Style == TextStyle.Finding).Text;
        Assert.StartsWith("Finding: Not reproduced: MNIST FC-SGD: the PNC explains the AP better than the class mean [¬Re] (", finding);
        Assert.Equal(4, finding.Split(" [¬Re] (").Length - 1); // the body names at most four deciding checks
        Assert.Contains("the other open claim checks: 5 inconclusive, 22 not tested at this budget. The record's whole finding is in appendix A.", finding);
        Assert.Contains(doc.Sections.Single(s => s.Anchor == "Checks").Blocks.OfType<Paragraph>(), p => p.Text == $"Finding: {c4b.Finding}");
    }

    [Fact]
    public void Given_the_fixture_When_the_appendix_is_built_Then_it_prints_every_line_of_the_threshold_register_with_its_date()
    {
        var table = Build().Sections.Single(s => s.Anchor == "ThresholdRegister").Blocks.OfType<Table>().Single();
        Assert.Equal(ThresholdRegister.Embedded.Entries.Count, table.Rows.Count);
        Assert.Contains(table.Rows, r => r[0] == "2026-11-24" && r[1] == "C4" && r[2] == "every network beats the untrained-network control");
        Assert.Contains(table.Rows, r => r[0] == "2026-11-29" && r[1] == "C4" && r[3] == "retired");
    }

    [Fact]
    public void Given_the_fixture_When_the_summary_is_built_Then_page_1_states_the_verdict_on_the_hypothesis_of_section_4_2_with_its_numbers()
    {
        var doc = Build();
        var summary = doc.Sections[0].Blocks.OfType<Paragraph>().Select(p => p.Text).ToList();
        var sentence = Assert.Single(summary, t => t.StartsWith("§4.2's hypothesis", StringComparison.Ordinal));
        // The run of 2026-12-03: on MNIST the class mean explains the simple network's APs better than the PNC.
        Assert.Contains("is not supported where it is decided: the class mean on MNIST FC-SGD zero feed, MNIST FC-SGD noise feed", sentence);
        var c4a = Fixture.Records().Single(r => r.Id == "C4a");
        var detail = Assert.Single(doc.Sections.Single(s => s.Anchor == "ClaimC4a").Blocks.OfType<Paragraph>(), p => p.Text.StartsWith("§4.2's hypothesis", StringComparison.Ordinal)).Text;
        foreach (var key in new[] { "MNIST FC-SGD zero feed", "MNIST FC-SGD noise feed", "F-MNIST FC-SGD zero feed", "F-MNIST FC-SGD noise feed" })
        {
            var check = c4a.Checks.Single(c => c.Name == $"{key}: {HypothesisSummary.ClassMean}");
            Assert.Contains($"{key} {Num.F(check.Mean)} {VerdictText.Of(check.Outcome)}", sentence);
            // C4a's section keeps the full sentence, with every interval.
            Assert.Contains($"{key}: r(AP, PNC) − r(AP, class mean) {Num.F(check.Mean)} {Num.Interval(check)} {VerdictText.Of(check.Outcome)}", detail);
        }
        Assert.Contains("the negative set weighs against the class on 4 of 4", sentence);
        Assert.Contains("across Table 1's networks (C4b, Holm) the PNC beats the class mean on 1 and loses on 1 of 12", sentence);
    }

    [Fact]
    public void Given_an_epoch_budget_record_When_Table_1_is_built_Then_it_says_what_budget_would_test_the_untested_networks_only_when_it_names_them_all()
    {
        var c3 = Fixture.Records().Single(r => r.Id == "C3");
        var untested = c3.Checks.Where(c => c.Kind == CheckKind.Claim && c.Outcome == CheckOutcome.NotTested)
            .Select(c => c.Name[..c.Name.LastIndexOf(" reaches ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(7, untested.Count);
        EpochsNeededRecord Budget(IEnumerable<string> networks) => new()
        {
            Profile = "quick", MaxEpochs = 20, WallSeconds = 1, Environment = c3.Environment,
            Rows = networks.Select(n => new EpochsNeededRow(n, 0, 0.9, 2, true, 4.5, 0.91, 10)).ToList(),
        };
        string Table1Text(EpochsNeededRecord? b) => string.Join("\n", ReportModelBuilder.Build(Fixture.Records(), Fixture.Context with { EpochsNeeded = b })
            .Sections.Single(s => s.Anchor == "Table1Training").Blocks.OfType<Paragraph>().Select(p => p.Text));

        Assert.Contains("What budget would test them: trained again with up to 20 epochs", Table1Text(Budget(untested)));
        Assert.Contains($"{untested[0]} (seed 0) reaches 0.9 after 4.5 epochs", Table1Text(Budget(untested)));
        Assert.Contains("is for other networks than this run's untested ones", Table1Text(Budget(untested.Skip(1))));
        Assert.Contains("'repro budget' measures the epochs they would need", Table1Text(null));
    }

    [Fact]
    public void Given_the_fixture_When_the_model_is_built_Then_the_sections_come_in_the_report_order()
    {
        var anchors = Build().Sections.Where(s => s.Level == 1).Select(s => s.Anchor).ToList();
        Assert.Equal(["Findings", "Contents", "Claims", "Table1Training", "Figure1MethodAgreement", "Figure2ParameterRobustness", "Figures3And4ApVersusPnc",
            "Figures5And6DummyDatasets", "Sensitivity", "Cost", "ClaimsInDetail", "Readings", "Checks", "Matrices", "Parameters", "Environment", "ThresholdRegister"], anchors);
        // The body ends on a page break, so that the appendices start on a page of their own.
        Assert.IsType<PageBreak>(Build().Sections.Single(s => s.Anchor == "Readings").Blocks[^1]);
    }

    [Fact]
    public void Given_images_in_first_appearance_order_When_the_grid_is_built_Then_rows_and_columns_keep_that_order()
    {
        var img = (string row, string col) => new ImageRecord("F", row, col, 2, 2, [0, 1, 2, 3]);
        var grid = ReportModelBuilder.BuildGrid([img("PNC", "b"), img("PNC", "a"), img("AP", "b"), new ImageRecord("F", "AP", "a", 2, 2, null)]);
        Assert.Equal(["PNC", "AP"], grid.RowLabels);
        Assert.Equal(["b", "a"], grid.ColumnLabels);
        Assert.True(grid.Panels.Single(p => p.Row == 1 && p.Column == 1).Blank);
    }

    [Fact]
    public void Given_an_image_whose_pixel_count_does_not_match_its_size_When_the_grid_is_built_Then_it_is_blank_and_says_why()
    {
        var grid = ReportModelBuilder.BuildGrid([new ImageRecord("F", "AP", "0", 2, 2, [1, 2, 3])]);
        Assert.True(grid.Panels[0].Blank);
        Assert.Equal("invalid: 3 values for 2×2", grid.Panels[0].Note);
    }

    [Fact]
    public void Given_the_fixture_When_figures_are_built_Then_each_collects_its_images_and_matrices_across_records()
    {
        var figures = Build().Sections.SelectMany(s => s.Blocks).OfType<Figure>().ToDictionary(f => f.Key);
        // The paper's six, then C8's two panels beyond the paper (canary beside clean; black box beside white box), in its section, and C10's.
        Assert.Equal(["Figure1", "Figure2", "Figure3", "Figure4", "Figure5", "Figure6",
            "C8 canary: class-7 AP of the canary network beside the clean network of its seed",
            "C8 black box: MNIST FC-SGD APs from autograd and from softmax queries, beside the PNCs",
            "C10: PNCs and zero-feed APs of the 7×7 and the 2-class networks"], figures.Keys);
        Assert.Equal((3, 10), (figures["Figure1"].Grid.RowLabels.Count, figures["Figure1"].Grid.ColumnLabels.Count));
        // Figure 3: the PNC row, then zero and noise feed for each of the six Table 1 configurations.
        Assert.Equal(13, figures["Figure3"].Grid.RowLabels.Count);
        Assert.Equal(["PNC", "FC-SGD (zero)", "FC-SGD (noise)"], figures["Figure3"].Grid.RowLabels.Take(3));
        Assert.Equal("CNN*-Adam (noise)", figures["Figure3"].Grid.RowLabels[^1]);
        // The body shows the first two of its six matrices; the other four are in the matrices appendix, with C4a's and C9's own.
        Assert.Equal(2, figures["Figure3"].HeatMaps.Count);
        Assert.Contains("the other 4 are in appendix B", figures["Figure3"].Caption);
        var appendix = Build().Sections.Single(s => s.Anchor == "Matrices").Blocks.OfType<HeatMap>().ToList();
        Assert.Equal(Fixture.Records().Sum(r => r.Matrices.Count) - Build().Sections.SelectMany(s => s.Blocks).OfType<Figure>().Sum(f => f.HeatMaps.Count), appendix.Count);
        Assert.Contains("MNIST FC-SGD zero feed: r(AP_i, PNC_j): diagonal mean 0.308", figures["Figure3"].HeatMaps[0].Caption);
        Assert.Contains("C4b [¬Re]: MNIST FC-SGD: above its untrained twin: 0.353 [0.347, 0.359]; family of 5: [0.343, 0.364] [Re]", figures["Figure3"].Caption);
    }

    [Theory]
    [InlineData(0.95, "0.95")]
    [InlineData(0.123456, "0.123")]
    [InlineData(12.3456, "12.346")]
    [InlineData(0.0123456, "0.0123")]
    [InlineData(5.8e-4, "5.8e-4")]
    [InlineData(-0.14333, "-0.143")]
    [InlineData(300, "300")]
    [InlineData(double.NaN, "n/a")]
    public void Given_a_number_When_shown_Then_it_has_three_decimals_or_three_significant_digits(double x, string shown) =>
        Assert.Equal(shown, Num.F(x));

    [Fact]
    public void Given_a_metric_over_seeds_When_shown_Then_mean_and_sd_are_rounded_alike() =>
        Assert.Equal("0.953 ± 0.001", Num.F(Metric.Of([0.953, 0.954, 0.952])));

    [Fact]
    public void Given_nested_parameters_When_flattened_Then_paths_are_dotted_and_scalar_arrays_stay_on_one_line()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse("""{"a":{"b":1,"c":[1,2]},"d":"x","e":[{"f":true}]}""")!.AsObject();
        var flat = ReportModelBuilder.Flatten(json).Select(kv => $"{kv.Key} = {kv.Value}");
        Assert.Equal(["a.b = 1", "a.c = [1, 2]", "d = x", "e[0].f = true"], flat);
    }
}
