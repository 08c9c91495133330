using Repro.Report;
using Repro.Report.Rendering;
using SkiaSharp;

namespace Repro.Snapshots.Tests;

public class RenderingTests
{
    /// <summary>Every 32nd entry of matplotlib's viridis, as bytes (its listed data × 255, truncated), and the last.</summary>
    [Theory]
    [InlineData(0, 0x440154)]
    [InlineData(32, 0x472C7B)]
    [InlineData(64, 0x3A528B)]
    [InlineData(96, 0x2C728E)]
    [InlineData(128, 0x20908C)]
    [InlineData(160, 0x28AE7F)]
    [InlineData(192, 0x5EC961)]
    [InlineData(224, 0xADDC30)]
    [InlineData(255, 0xFDE724)]
    public void Given_ScottPlots_viridis_When_read_at_matplotlibs_entries_Then_the_colours_are_matplotlibs(int index, int rgb)
    {
        var (r, g, b) = Viridis.Entry(index);
        Assert.Equal(rgb.ToString("X6"), ((r << 16) | (g << 8) | b).ToString("X6"));
    }

    [Fact]
    public void Given_a_panel_When_normalised_Then_its_own_min_maps_to_0_and_max_to_1_like_imshow()
    {
        var t = PanelImages.Normalise([-3, 0, 1, float.NaN]);
        Assert.Equal(0, t[0]);
        Assert.Equal(0.75, t[1], 6);
        Assert.Equal(1, t[2]);
        Assert.True(double.IsNaN(t[3]));
        Assert.Equal(0, Viridis.Index(0));
        Assert.Equal(255, Viridis.Index(1));
        Assert.Equal(128, Viridis.Index(0.5));
    }

    [Fact]
    public void Given_a_constant_panel_When_normalised_Then_every_pixel_maps_to_0_as_matplotlib_does() =>
        Assert.All(PanelImages.Normalise([2, 2, 2]), v => Assert.Equal(0, v));

    [Fact]
    public void Given_long_text_When_wrapped_Then_every_line_fits_and_no_word_is_lost()
    {
        var fonts = ReportFonts.Default;
        var text = "The three methods for obtaining APs produced almost identical patterns, 0.953 ± 0.001, and a_very_long_identifier_without_any_space_at_all.";
        var lines = TextWrap.Wrap(text, 80, s => fonts.Measure(s, Face.Regular, 8));
        Assert.All(lines, l => Assert.True(fonts.Measure(l, Face.Regular, 8) <= 80, $"'{l}' is wider than 80 pt"));
        Assert.Contains(lines, l => l.Contains("0.953 ± 0.001"));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
    }

    [Fact]
    public void Given_a_word_of_900000_characters_When_wrapped_Then_each_line_costs_a_few_measurements_not_the_whole_word()
    {
        // A 900 KB finding with no space made 'report' take minutes: each line measured every prefix of the rest of the word.
        var fonts = ReportFonts.Default;
        var word = new string('x', 900_000);
        long measured = 0, calls = 0;
        var lines = TextWrap.Wrap(word, 400, s => { calls++; measured += s.Length; return fonts.Measure(s, Face.Regular, 8); });
        Assert.Equal(word, string.Concat(lines));
        Assert.All(lines, l => Assert.True(fonts.Measure(l, Face.Regular, 8) <= 400, $"a line of {l.Length} characters is wider than 400 pt"));
        // Galloping then bisecting measures prefixes of at most twice a line's length, about 2·log2(line) of them per line.
        int perLine = lines.Max(l => l.Length);
        Assert.True(calls <= lines.Count * (4 * Math.Log2(perLine) + 4), $"{calls} measurements for {lines.Count} lines");
        Assert.True(measured <= (long)lines.Count * perLine * 4 * (long)Math.Ceiling(Math.Log2(perLine) + 2), $"{measured} characters measured for {lines.Count} lines");
    }

    [Fact]
    public void Given_the_report_fonts_When_loaded_Then_DejaVu_Sans_is_used() =>
        Assert.True(ReportFonts.Default.FamilyName == ReportFonts.PreferredFamily,
            $"The report fell back to '{ReportFonts.Default.FamilyName}': DejaVu Sans is missing (Debian package fonts-dejavu-core). " +
            "Page counts and snapshots assume it: apt-get install -y fonts-dejavu-core");

    [Fact]
    public void Given_labels_sharing_a_prefix_When_split_Then_ticks_keep_the_rest_and_the_prefix_becomes_the_axis_title()
    {
        var (ticks, title) = HeatMapPlot.SplitPrefix(["Class 0", "Class 1", "Class 10"]);
        Assert.Equal(["0", "1", "10"], ticks);
        Assert.Equal("Class", title);
        Assert.Null(HeatMapPlot.SplitPrefix(["Zero feed a", "AAI c"]).Title);
    }

    /// <summary>A document of one section holding only the grid, laid out on A4 pages.</summary>
    private static IReadOnlyList<IReadOnlyList<DrawOp>> Pages(VerdictGrid grid) =>
        PdfRenderer.Paginate(new ReportDocument("T", "S", [new Section("S", "H", [grid])]), ReportFonts.Default);

    private static VerdictGrid FixtureGrid() => SensitivitySection.Blocks(Fixture.Context.Sensitivity).OfType<VerdictGrid>().Single();

    /// <summary>A grid with one cell of every outcome, the [¬Re] one flipped, in <paramref name="rows"/> rows.</summary>
    private static VerdictGrid EveryOutcome(int rows = 1)
    {
        IReadOnlyList<VerdictGridCell> cells =
        [
            new(VerdictGridOutcome.Re, "[Re]", "0.953 [0.94, 0.966] z", false),
            new(VerdictGridOutcome.NotRe, "[¬Re]", "-0.323 [-0.366, -0.28]; family of 12: [-0.38, -0.27]", true),
            new(VerdictGridOutcome.Inconclusive, "inconclusive", "1 [0.884, 1] exact", false),
            new(VerdictGridOutcome.NotTested, SensitivitySection.NotTestedMark, "", false),
            new(VerdictGridOutcome.NotRun, "not run", "", false),
            new(VerdictGridOutcome.Untouched, "=", "", false),
            new(VerdictGridOutcome.Other, "invalid run", "", false),
        ];
        return new VerdictGrid("g", "Verdicts", Enumerable.Range(0, rows).Select(r => new VerdictGridRow($"reading{r}", "an alternative reading of it")).ToList(),
            ["C1", "C2", "C4a", "C4b", "C6", "C8", "C10"], Enumerable.Repeat(cells, rows).ToList(), "caption");
    }

    [Fact]
    public void Given_the_fixtures_verdict_grid_When_laid_out_Then_every_rectangle_line_and_text_stays_within_the_pages_content_width()
    {
        var fonts = ReportFonts.Default;
        float left = PdfRenderer.Margin - 0.01f, right = PdfRenderer.Margin + PdfRenderer.ContentWidth + 0.01f;
        foreach (var grid in new[] { FixtureGrid(), EveryOutcome(3) })
        {
            var ops = Pages(grid).SelectMany(p => p).ToList();
            Assert.Contains(ops, op => op is RectOp);
            foreach (var op in ops)
            {
                var (from, to) = op switch
                {
                    RectOp r => (r.Rect.Left - r.StrokeWidth / 2 * (r.Stroke is null ? 0 : 1), r.Rect.Right + r.StrokeWidth / 2 * (r.Stroke is null ? 0 : 1)),
                    LineOp l => (Math.Min(l.From.X, l.To.X), Math.Max(l.From.X, l.To.X)),
                    TextOp t => t.Align switch
                    {
                        SKTextAlign.Center => (t.X - fonts.Measure(t.Text, t.Face, t.Size) / 2, t.X + fonts.Measure(t.Text, t.Face, t.Size) / 2),
                        SKTextAlign.Right => (t.X - fonts.Measure(t.Text, t.Face, t.Size), t.X),
                        _ => (t.X, t.X + fonts.Measure(t.Text, t.Face, t.Size)),
                    },
                    _ => (left, left),
                };
                Assert.True(from >= left && to <= right, $"{op} spans {from:0.0}–{to:0.0} pt, outside {left:0.0}–{right:0.0}.");
            }
        }
    }

    [Fact]
    public void Given_a_grid_with_every_outcome_When_laid_out_Then_Re_and_NotRe_cells_are_light_tints_of_the_palettes_Good_and_Bad_with_their_verdicts_in_Good_and_Bad()
    {
        var ops = Pages(EveryOutcome()).SelectMany(p => p).ToList();
        var fills = ops.OfType<RectOp>().Where(r => r.Fill is not null).ToList();
        SKColor FillUnder(TextOp t) => fills.Last(r => r.Rect.Contains(t.X + 1, t.Baseline - 1)).Fill!.Value;
        foreach (var (text, outcome, palette) in new[] { ("[Re]", VerdictGridOutcome.Re, PdfRenderer.Good), ("[¬Re]", VerdictGridOutcome.NotRe, PdfRenderer.Bad) })
        {
            var verdict = Assert.Single(ops.OfType<TextOp>(), t => t.Text == text && t.Face == Face.Bold);
            Assert.Equal(palette, verdict.Color);
            Assert.Equal(palette, VerdictGridLayout.Colour(outcome));
            Assert.Equal(VerdictGridLayout.Tint(palette, VerdictGridLayout.FillTint), FillUnder(verdict));
            // The legend's swatch has the same fill.
            Assert.Equal(2, fills.Count(r => r.Fill == VerdictGridLayout.Fill(outcome)));
        }
        Assert.Equal(PdfRenderer.Untested, VerdictGridLayout.Colour(VerdictGridOutcome.NotTested));
        // Every outcome has its own fill, light enough to print the dark text on it in black and white.
        var outcomes = Enum.GetValues<VerdictGridOutcome>().Where(o => o != VerdictGridOutcome.Other).ToList();
        Assert.Equal(outcomes.Count, outcomes.Select(VerdictGridLayout.Fill).Distinct().Count());
        Assert.All(Enum.GetValues<VerdictGridOutcome>().Select(VerdictGridLayout.Fill), c => Assert.True(0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue > 200, $"{c} is too dark"));
    }

    [Fact]
    public void Given_a_flipped_cell_When_laid_out_Then_it_has_a_thick_dark_border_and_a_flip_tag_and_no_other_cell_does()
    {
        var ops = Pages(EveryOutcome(2)).SelectMany(p => p).ToList();
        var borders = ops.OfType<RectOp>().Where(r => r.Fill is null && r.Stroke == VerdictGridLayout.FlipColour && r.StrokeWidth >= 1.5f).ToList();
        var tags = ops.OfType<TextOp>().Where(t => t.Text == VerdictGridLayout.FlipTag).ToList();
        Assert.Equal(2, borders.Count);
        Assert.Equal(2, tags.Count);
        var flipped = ops.OfType<TextOp>().Where(t => t.Text == "[¬Re]" && t.Face == Face.Bold).ToList();
        Assert.All(flipped, v => Assert.Single(borders, b => b.Rect.Contains(v.X, v.Baseline - 1)));
        Assert.All(tags, t => Assert.Single(borders, b => b.Rect.Contains(t.X, t.Baseline - 1)));
    }

    [Fact]
    public void Given_a_grid_taller_than_a_page_When_laid_out_Then_it_splits_by_rows_and_every_page_repeats_the_column_header()
    {
        const int rows = 60;
        var pages = Pages(EveryOutcome(rows)).Where(p => p.OfType<TextOp>().Any(t => t.Text.StartsWith("reading", StringComparison.Ordinal))).ToList();
        Assert.True(pages.Count >= 2, $"{rows} rows fit on {pages.Count} page");
        Assert.All(pages, p => Assert.Single(p.OfType<TextOp>(), t => t.Text == "C10" && t.Face == Face.Bold));
        var labels = pages.SelectMany(p => p.OfType<TextOp>()).Where(t => t.Text.StartsWith("reading", StringComparison.Ordinal)).Select(t => t.Text).ToList();
        Assert.Equal(Enumerable.Range(0, rows).Select(r => $"reading{r}"), labels);
        Assert.All(pages.SelectMany(p => p).OfType<RectOp>(), r => Assert.True(r.Rect.Bottom <= PdfRenderer.PageHeight - PdfRenderer.BottomMargin + 0.5f));
        Assert.Contains(pages[^1].OfType<TextOp>(), t => t.Text == "not tested at this budget" && t.Size == VerdictGridLayout.LegendSize);
    }
}
