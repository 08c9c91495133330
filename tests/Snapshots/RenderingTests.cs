using Repro.Report;
using Repro.Report.Rendering;

namespace Repro.Snapshots.Tests;

public class RenderingTests
{
    [Fact]
    public void Given_the_embedded_viridis_table_When_read_Then_it_has_256_entries_from_dark_purple_to_yellow()
    {
        Assert.Equal(256, Viridis.Rgb.Count);
        Assert.Equal(0x440154, Viridis.Rgb[0]);
        Assert.Equal(0xFDE724, Viridis.Rgb[255]);
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
