using Repro.Report;
using Repro.Report.Rendering;

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
}
