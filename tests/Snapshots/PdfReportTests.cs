using System.ComponentModel;
using System.Diagnostics;
using Repro.Report;
using Repro.Results;
using Repro.Report.Rendering;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Repro.Snapshots.Tests;

/// <summary>The PDF generated from the fixture, read back with PdfPig and rasterised with pdftoppm.</summary>
public sealed class PdfReportTests : IClassFixture<PdfReportTests.Generated>
{
    /// <summary>The page count the renderer produces for the fixture. Change it deliberately, after looking at the pages.</summary>
    public const int ExpectedPages = 134;

    public sealed class Generated : IDisposable
    {
        public TempFolder Dir { get; } = new();
        public IReadOnlyList<string> Paths { get; }
        public string Pdf => Path.Combine(Dir.Path, ReportWriter.PdfName);
        public Generated() => Paths = ReportWriter.Write(Fixture.ResultsDir, Dir.Path, Fixture.Context);
        public void Dispose() => Dir.Dispose();
    }

    private readonly Generated _report;
    public PdfReportTests(Generated report) => _report = report;

    private static string Squash(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private IReadOnlyList<string> PageTexts()
    {
        using var pdf = PdfDocument.Open(_report.Pdf);
        return pdf.GetPages().Select(p => Squash(p.Text)).ToList();
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_is_read_back_Then_the_contents_and_the_claims_tables_link_to_named_destinations_of_their_sections()
    {
        using var pdf = PdfDocument.Open(_report.Pdf);
        var links = pdf.GetPages().SelectMany(p => p.GetAnnotations())
            .Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link).ToList();
        // The contents list (every section and claim), the claims table (ten claims) and one row per claim check.
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        int expected = doc.Sections.SelectMany(s => s.Blocks).OfType<Table>().Sum(t => t.RowLinks?.Count(l => l is not null) ?? 0);
        Assert.True(expected > 20, $"the document model has only {expected} row links");
        Assert.Equal(expected, links.Count);
        // Each link names a destination: a /Dest entry (Skia writes the section's anchor as a named destination).
        Assert.All(links, a => Assert.True(a.AnnotationDictionary.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Dest) || a.Action is not null,
            $"a link on the page without a destination: {a.AnnotationDictionary}"));
        // Every link's target is a named destination the layout places: a section's heading, or a figure (or a heat map standing alone).
        var destinations = PdfRenderer.Paginate(doc, ReportFonts.Default).SelectMany(p => p).OfType<DestinationOp>().Select(d => d.Name).ToList();
        Assert.Equal(destinations.Count, destinations.Distinct().Count());
        Assert.All(doc.Sections.SelectMany(s => s.Blocks).OfType<Table>().SelectMany(t => t.RowLinks ?? []).OfType<string>(),
            a => Assert.Contains(a, destinations));
        // The claim checks lead to figures: every paper figure a check names is a target.
        Assert.Contains(ReportModelBuilder.FigureAnchor("Figure4"), doc.Sections.SelectMany(s => s.Blocks).OfType<Table>().SelectMany(t => t.RowLinks ?? []));
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_is_read_back_Then_its_outline_has_one_bookmark_per_section_nested_titled_and_on_the_headings_page()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        // Where the layout puts each section's named destination (the top of its heading): page number by anchor.
        var layout = PdfRenderer.Paginate(doc, ReportFonts.Default);
        var pageOf = layout.SelectMany((ops, i) => ops.OfType<DestinationOp>().Select(d => (d.Name, Page: i + 1))).ToDictionary(d => d.Name, d => d.Page);

        using var pdf = PdfDocument.Open(_report.Pdf);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks), "the PDF has no outline");
        // The bookmarks in document order, each with its parent (null: top level).
        var flat = new List<(UglyToad.PdfPig.Outline.BookmarkNode Node, UglyToad.PdfPig.Outline.BookmarkNode? Parent)>();
        void Walk(UglyToad.PdfPig.Outline.BookmarkNode node, UglyToad.PdfPig.Outline.BookmarkNode? parent)
        {
            flat.Add((node, parent));
            foreach (var child in node.Children) Walk(child, node);
        }
        foreach (var root in bookmarks.Roots) Walk(root, null);

        Assert.Equal(doc.Sections.Select(s => s.Heading), flat.Select(b => b.Node.Title)); // in order, non-ASCII intact
        Assert.Contains(doc.Sections, s => s.Level == 2);
        Assert.Contains(doc.Sections, s => s.Heading.Any(c => c > '~'));
        string? parentHeading = null;
        for (int i = 0; i < doc.Sections.Count; i++)
        {
            var (section, (node, parent)) = (doc.Sections[i], flat[i]);
            if (section.Level == 1) parentHeading = section.Heading;
            Assert.Equal(section.Level - 1, node.Level); // PdfPig counts levels from 0
            Assert.Equal(section.Level == 1 ? null : parentHeading, parent?.Title);
            var bookmark = Assert.IsType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>(node);
            Assert.Equal(pageOf[section.Anchor], bookmark.PageNumber);
            var firstWords = Squash(string.Join(" ", section.Heading.Split(' ').Take(3)));
            Assert.True(Squash(pdf.GetPage(bookmark.PageNumber).Text).Contains(firstWords, StringComparison.Ordinal),
                $"page {bookmark.PageNumber}, where the bookmark '{section.Heading}' leads, does not show '{firstWords}'");
        }
    }

    [Fact]
    public async Task Given_the_pdf_with_its_outline_When_pdfinfo_reads_it_Then_it_reports_no_syntax_error()
    {
        var psi = new ProcessStartInfo("pdfinfo", [_report.Pdf]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("pdfinfo did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Skip($"pdfinfo is not installed ({e.Message}); install it with `apt-get install poppler-utils` to run this check.");
            return;
        }
        using (process)
        {
            // Both pipes are read at once, so that neither can fill up and stall pdfinfo.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"pdfinfo failed ({process.ExitCode}): {await stderr}");
            Assert.DoesNotContain("Syntax Error", await stderr);
            Assert.Contains($"Pages:{ExpectedPages}", Squash(await stdout));
        }
    }

    [Fact]
    public void Given_the_pdf_When_its_first_pages_are_read_back_Then_page_1_holds_the_findings_with_every_claims_verdict_and_the_hypothesis_sentence()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        var findings = doc.Sections[0].Blocks.OfType<Table>().Single(t => t.Name == "Findings");
        var texts = PageTexts();
        var page1 = texts[0];
        Assert.Contains(Squash("1 Findings"), page1);
        Assert.Contains(Squash("§4.2's hypothesis, that the APs carry the negative set and not merely the class mean, is not supported"), page1);
        // Every claim's row starts on page 1 (a long last row may end on page 2): its id, its verdict and its sentence's opening words.
        var firstTwo = page1 + texts[1];
        foreach (var row in findings.Rows)
        {
            Assert.Contains(Squash(row[0]), page1);
            Assert.Contains(Squash(row[1]), firstTwo);
            Assert.Contains(Squash(string.Join(' ', row[2].Split(' ').Take(4))), firstTwo);
        }
        // The counts come after the findings, below them on a later page.
        Assert.DoesNotContain(Squash("This report checks 11 claims"), page1);
    }

    /// <summary>The most pages the body (findings to readings, before the appendices) may take: what a reviewer reads.</summary>
    public const int MostBodyPages = 30;

    [Fact]
    public void Given_the_fixture_When_laid_out_Then_the_body_before_the_appendices_takes_at_most_30_pages_and_the_findings_at_most_2()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        var pages = PdfRenderer.Paginate(doc, ReportFonts.Default);
        int PageOf(string anchor) => pages.ToList().FindIndex(p => p.OfType<DestinationOp>().Any(d => d.Name == anchor)) + 1;
        int body = PageOf("Checks") - 1;
        Assert.True(body <= MostBodyPages, $"the body takes {body} pages, more than {MostBodyPages}");
        Assert.True(PageOf("Checks") > PageOf("Readings"), "the appendices must come after the body");
        // Page 1 holds the findings; the contents list follows on page 2 at the latest.
        Assert.Equal(1, PageOf("Findings"));
        Assert.True(PageOf("Contents") <= 2, $"the contents list starts on page {PageOf("Contents")}");
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_is_generated_Then_it_has_the_expected_number_of_A4_pages()
    {
        using var pdf = PdfDocument.Open(_report.Pdf);
        Assert.Equal(ExpectedPages, pdf.NumberOfPages);
        Assert.All(pdf.GetPages(), p =>
        {
            Assert.Equal(595.3, p.Width, 0.5);
            Assert.Equal(841.9, p.Height, 0.5);
        });
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_text_is_extracted_Then_the_claims_table_shows_every_id_and_verdict()
    {
        var first = string.Concat(PageTexts().Take(2));
        var claims = first[first.IndexOf("2Claims", StringComparison.Ordinal)..];
        foreach (var id in new[] { "C1", "C2", "C3", "C4a", "C4b", "C5", "C6", "C7", "C8", "C9", "C10" })
            Assert.Contains(id, claims);
        Assert.Contains("[Re]", claims);
        Assert.Contains("[¬Re]", claims);
        Assert.Contains(Squash(ReportContext.DefaultTitle), first);
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_text_is_extracted_Then_every_Table1_cell_is_present_paper_beside_ours()
    {
        var all = string.Concat(PageTexts());
        int at = all.IndexOf("3Table1", StringComparison.Ordinal);
        Assert.True(at >= 0, "Section 3 (Table 1) not found in the PDF text.");
        var table = all[at..];
        var c3 = Fixture.Records().Single(r => r.Id == "C3");
        Assert.Equal(12, c3.Table1.Count);
        foreach (var row in c3.Table1)
        {
            var cells = new[] { row.Dataset, row.Architecture, row.Optimizer, Num.F(row.PaperAccuracy), Num.F(row.ValidationAccuracy!), Num.F(row.Accuracy), Num.F(row.PaperLoss), Num.F(row.Loss) };
            // Cells of one row appear in order on the page.
            Assert.Contains(Squash(string.Concat(cells)), table);
        }
        foreach (var paper in new[] { "0.95", "0.19", "0.85", "0.42", "0.98", "0.07", "0.88", "0.33", "0.93", "0.24", "0.84", "0.45", "0.99", "0.05", "0.92", "0.03", "0.22", "0.06", "0.25" })
            Assert.Contains(paper, table);
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_is_generated_Then_every_figure_is_embedded_as_one_image_on_the_page_with_its_title()
    {
        using var pdf = PdfDocument.Open(_report.Pdf);
        // Figure grids are the only images wider and taller than a few pixels (ScottPlot's colour bars are 1-pixel strips).
        var figurePages = pdf.GetPages()
            .SelectMany(p => p.GetImages().Where(i => i.WidthInSamples > 16 && i.HeightInSamples > 16).Select(_ => p))
            .ToList();
        // The paper's six, C8's two panels beyond the paper (the canary, the black box), and C10's.
        Assert.Equal(9, figurePages.Count);
        for (int n = 1; n <= 6; n++)
            Assert.Contains(figurePages, p => Squash(p.Text).Contains($"Figure{n}—", StringComparison.Ordinal));
        Assert.Contains(figurePages, p => Squash(p.Text).Contains("C8canary:", StringComparison.Ordinal));
        Assert.Contains(figurePages, p => Squash(p.Text).Contains("C8blackbox:", StringComparison.Ordinal));
        Assert.Contains(figurePages, p => Squash(p.Text).Contains("C10:PNCs", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_fixture_When_the_pdf_is_generated_Then_every_NotRe_finding_is_printed()
    {
        // A finding may run over a page break: each page's footer (title, "page n of N") is left out between its halves.
        var footer = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(Squash(Fixture.Context.Title)) + @"page\d+of\d+");
        var all = string.Concat(PageTexts().Select(t => footer.Replace(t, "")));
        var notRe = Fixture.Records().Where(r => r.Verdict == Verdict.NotRe).ToList();
        // The quick run of 2026-12-04: the primary analyses of C4a, C4b and C8 (§4.2 against the class mean) do not reproduce; nor
        // does C10's density direction.
        Assert.Equal(["C10", "C4a", "C4b", "C8"], notRe.Select(r => r.Id));
        foreach (var r in notRe)
            Assert.Contains(Squash("Finding: " + r.Finding), all);
    }

    /// <summary>The words of the claims table and of Table 1, as the document model holds them.</summary>
    private static IReadOnlyList<string> TableWords()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        var tables = doc.Sections.Where(s => s.Anchor is "Claims" or "Table1Training").SelectMany(s => s.Blocks).OfType<Table>().ToList();
        Assert.Equal(2, tables.Count);
        return tables.SelectMany(t => t.Header.Concat(t.Rows.SelectMany(r => r)))
            .SelectMany(cell => cell.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('(', ')', ',', ';', ':', '“', '”', '.', '…'))
            .Where(w => w.Count(char.IsLetter) >= 3)
            .Distinct().ToList();
    }

    private static void AssertEveryWordIntact(IReadOnlyList<string> words, string extracted, string extractor)
    {
        var found = new HashSet<string>(extracted.Split([' ', '\n', '\r', '\t', '\f'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('(', ')', ',', ';', ':', '“', '”', '.', '…')));
        var broken = words.Where(w => !found.Contains(w)).ToList();
        Assert.True(broken.Count == 0, $"{extractor} does not find {broken.Count} of {words.Count} table words intact, e.g. {string.Join(", ", broken.Take(10))}");
    }

    [Fact]
    public void Given_the_pdf_When_PdfPig_extracts_its_words_Then_every_word_of_the_claims_table_and_Table_1_is_intact()
    {
        using var pdf = PdfDocument.Open(_report.Pdf);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        AssertEveryWordIntact(TableWords(), text, "PdfPig");
    }

    [Fact]
    public void Given_the_pdf_When_pdftotext_extracts_it_Then_every_word_of_the_claims_table_and_Table_1_is_intact()
    {
        var psi = new ProcessStartInfo("pdftotext", [_report.Pdf, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("pdftotext did not start");
        }
        catch (Win32Exception e)
        {
            Assert.Skip($"pdftotext is not installed ({e.Message}); install it with `apt-get install poppler-utils` to run this check.");
            return;
        }
        using (process)
        {
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            AssertEveryWordIntact(TableWords(), text, "pdftotext");
        }
    }

    [Fact]
    public void Given_the_pdf_When_page_1_is_rasterised_with_pdftoppm_Then_it_is_not_blank()
    {
        var outPrefix = Path.Combine(_report.Dir.Path, "page1");
        var psi = new ProcessStartInfo("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", _report.Pdf, outPrefix])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("pdftoppm did not start");
        }
        catch (Win32Exception e)
        {
            // An optional system tool: without it this one check cannot run, which is a skip, not a failure.
            Assert.Skip($"pdftoppm is not installed ({e.Message}); install it with `apt-get install poppler-utils` to run this check.");
            return;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {stderr}");
        }
        var png = Assert.Single(Directory.GetFiles(_report.Dir.Path, "page1*.png"));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        var (variance, nonWhite) = Stats(bitmap);
        Assert.True(variance > 0, "Page 1 rendered as a single flat colour.");
        Assert.True(nonWhite > 0.01, $"Page 1 is almost all white ({nonWhite:P2} non-white pixels).");
    }

    /// <summary>Variance of the grey level, and the share of pixels that are not white.</summary>
    public static (double Variance, double NonWhite) Stats(SKBitmap bitmap)
    {
        double sum = 0, sumSq = 0;
        long nonWhite = 0, n = (long)bitmap.Width * bitmap.Height;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                double g = (c.Red + c.Green + c.Blue) / 3.0;
                sum += g;
                sumSq += g * g;
                if (g < 250) nonWhite++;
            }
        double mean = sum / n;
        return (sumSq / n - mean * mean, (double)nonWhite / n);
    }

    [Fact]
    public void Given_the_document_model_When_laid_out_Then_no_text_leaves_the_page_margins()
    {
        var doc = ReportModelBuilder.Build(Fixture.Records(), Fixture.Context);
        var fonts = ReportFonts.Default;
        var pages = PdfRenderer.Paginate(doc, fonts);
        Assert.Equal(ExpectedPages, pages.Count);
        foreach (var op in pages.SelectMany(p => p).OfType<TextOp>())
        {
            float w = fonts.Measure(op.Text, op.Face, op.Size);
            float left = op.Align switch { SKTextAlign.Center => op.X - w / 2, SKTextAlign.Right => op.X - w, _ => op.X };
            Assert.True(left >= PdfRenderer.Margin - 0.5f && left + w <= PdfRenderer.PageWidth - PdfRenderer.Margin + 0.5f,
                $"'{op.Text}' spans {left:0.0}–{left + w:0.0} pt, outside the margins.");
            Assert.True(op.Baseline > PdfRenderer.TopMargin - 1 && op.Baseline < PdfRenderer.PageHeight - PdfRenderer.BottomMargin + 1,
                $"'{op.Text}' sits at {op.Baseline:0.0} pt, outside the text area.");
        }
    }
}
