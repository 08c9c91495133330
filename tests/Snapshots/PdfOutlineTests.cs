using System.Text;
using Repro.Report.Rendering;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace Repro.Snapshots.Tests;

/// <summary>PdfOutline on a tiny PDF written by SkiaSharp: two pages, a named destination on each.</summary>
public class PdfOutlineTests
{
    /// <summary>Two A6 pages; page 1 defines the destination "First", page 2 "Second" (and links back to "First").</summary>
    private static byte[] TinyPdf()
    {
        using var stream = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = "Tiny", Creation = DateTime.UnixEpoch, Modified = DateTime.UnixEpoch }))
        {
            foreach (var (name, text) in new[] { ("First", "One"), ("Second", "Two") })
            {
                var canvas = pdf.BeginPage(298, 420);
                using (canvas.DrawNamedDestinationAnnotation(new SKPoint(20, 20), name)) { }
                using var font = new SKFont(SKTypeface.Default, 12);
                using var paint = new SKPaint { Color = SKColors.Black };
                canvas.DrawText(text, 20, 40, font, paint);
                if (name == "Second")
                    using (canvas.DrawLinkDestinationAnnotation(new SKRect(20, 30, 80, 45), "First")) { }
                pdf.EndPage();
            }
            pdf.Close();
        }
        return stream.ToArray();
    }

    private static readonly OutlineEntry[] Entries =
    [
        new("1 First — § × ¬", 1, "First"),
        new("1.1 Second, nested", 2, "Second"),
    ];

    [Fact]
    public void Given_a_two_page_Skia_pdf_When_an_outline_is_added_Then_PdfPig_reads_both_bookmarks_nested_and_on_their_pages()
    {
        var result = PdfOutline.Add(TinyPdf(), Entries);

        using var pdf = PdfDocument.Open(result);
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks), "PdfPig finds no outline");
        var first = Assert.IsType<DocumentBookmarkNode>(Assert.Single(bookmarks.Roots));
        Assert.Equal("1 First — § × ¬", first.Title);
        Assert.Equal(1, first.PageNumber);
        var second = Assert.IsType<DocumentBookmarkNode>(Assert.Single(first.Children));
        Assert.Equal("1.1 Second, nested", second.Title);
        Assert.Equal(2, second.PageNumber);
        Assert.True(second.IsLeaf);
    }

    [Fact]
    public void Given_a_Skia_pdf_When_an_outline_is_added_Then_the_original_bytes_come_first_unchanged_and_a_new_trailer_points_back_at_them()
    {
        var original = TinyPdf();
        var result = PdfOutline.Add(original, Entries);

        Assert.True(result.Length > original.Length);
        Assert.Equal(original, result[..original.Length]);
        var update = Encoding.Latin1.GetString(result, original.Length, result.Length - original.Length);
        var oldStartXref = Encoding.Latin1.GetString(original).Split("startxref")[^1].Trim().Split('\n')[0].Trim();
        Assert.Contains($"/Prev {oldStartXref}", update);
        Assert.Contains("/PageMode /UseOutlines", update);
        Assert.EndsWith("%%EOF\n", update);
    }

    [Fact]
    public void Given_no_entries_When_an_outline_is_added_Then_the_pdf_is_returned_unchanged()
    {
        var original = TinyPdf();
        Assert.Equal(original, PdfOutline.Add(original, []));
    }

    [Fact]
    public void Given_bytes_that_are_not_a_pdf_When_an_outline_is_added_Then_an_InvalidOperationException_says_so_in_one_line()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PdfOutline.Add(Encoding.ASCII.GetBytes("<html>not a pdf</html>"), Entries));
        Assert.Contains("does not start with %PDF-", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Given_a_pdf_with_a_cross_reference_stream_When_an_outline_is_added_Then_it_is_refused_with_a_clear_message()
    {
        // Only the shape matters: startxref points at an object ("1 0 obj << /Type /XRef ... >> stream"), not at "xref".
        const string head = "%PDF-1.5\n";
        var text = head + "1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Root 2 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n"
                   + $"startxref\n{head.Length}\n%%EOF\n";
        var e = Assert.Throws<InvalidOperationException>(() => PdfOutline.Add(Encoding.ASCII.GetBytes(text), Entries));
        Assert.Contains("compressed stream", e.Message);
    }

    [Fact]
    public void Given_a_pdf_that_already_has_an_outline_When_another_is_added_Then_it_is_refused_rather_than_doubled()
    {
        var once = PdfOutline.Add(TinyPdf(), Entries);
        var e = Assert.Throws<InvalidOperationException>(() => PdfOutline.Add(once, Entries));
        Assert.Contains("/Outlines", e.Message);
    }

    [Fact]
    public void Given_a_title_with_characters_beyond_ASCII_When_written_Then_it_is_a_UTF16BE_hex_string_with_a_byte_order_mark() =>
        Assert.Equal("<FEFF0041002000A72014>", PdfOutline.TextString("A §—"));

    [Theory]
    [InlineData("Summary", "/Summary")]
    [InlineData("a b#(c)", "/a#20b#23#28c#29")]
    [InlineData("§", "/#C2#A7")]
    public void Given_a_destination_name_When_written_Then_delimiters_spaces_and_non_ASCII_bytes_are_escaped_as_Skia_does(string name, string written) =>
        Assert.Equal(written, PdfOutline.Name(name));
}
