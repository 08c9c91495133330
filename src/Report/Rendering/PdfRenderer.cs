using SkiaSharp;
using Repro.Results;

namespace Repro.Report.Rendering;

/// <summary>
/// Renders the document model to an A4 PDF with SkiaSharp's PDF backend: text is vector and selectable (DejaVu Sans),
/// figures' panels are one embedded lossless image each (nearest sampling), heat maps are drawn by ScottPlot onto the page.
/// Layout happens first (so that pages can say "page n of N"), painting second.
/// </summary>
public static class PdfRenderer
{
    public const float PageWidth = 595.2756f;   // A4, points
    public const float PageHeight = 841.8898f;
    public const float Margin = 50f;
    public const float TopMargin = 48f;
    public const float BottomMargin = 56f;
    public const float ContentWidth = PageWidth - 2 * Margin;
    public const float MaxPanel = 64f;

    internal static readonly SKColor Ink = new(0x1A, 0x1A, 0x1A);
    internal static readonly SKColor Grey = new(0x5A, 0x5A, 0x5A);
    internal static readonly SKColor Rule = new(0xB0, 0xB0, 0xB0);
    internal static readonly SKColor HeaderFill = new(0xE6, 0xEB, 0xF0);
    internal static readonly SKColor Zebra = new(0xF6, 0xF7, 0xF9);
    public static readonly SKColor Good = new(0x1B, 0x7A, 0x2E);
    public static readonly SKColor Bad = new(0xB0, 0x1E, 0x1E);
    /// <summary>Not tested at this budget: neither a pass nor a failure.</summary>
    public static readonly SKColor Untested = new(0x1F, 0x4E, 0x9A);
    internal static readonly SKColor FindingFill = new(0xFC, 0xEC, 0xEC);
    internal static readonly SKColor QuoteFill = new(0xF3, 0xF3, 0xF6);

    /// <param name="cancel">Checked before each page is painted: Ctrl+C or SIGTERM stops a long report between pages.</param>
    public static PdfRenderInfo Render(ReportDocument doc, ReportContext ctx, Stream output, ReportFonts? fonts = null, CancellationToken cancel = default)
    {
        fonts ??= ReportFonts.Default;
        var pages = Paginate(doc, fonts);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = doc.Title,
            Subject = "Reproduction report: claims, Table 1, Figures 1–6, cost, methods, environment",
            Author = "Repro",
            Creator = "Repro.Report",
            Producer = "SkiaSharp",
            Creation = ctx.Date.UtcDateTime,
            Modified = ctx.Date.UtcDateTime,
            RasterDpi = 300,
            EncodingQuality = 101, // lossless: panels must not get JPEG artefacts
        };
        // Skia writes the pages; the outline (bookmarks), which SkiaSharp cannot write, is appended to its bytes afterwards.
        using var rendered = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(rendered, metadata))
        {
            for (int i = 0; i < pages.Count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var canvas = pdf.BeginPage(PageWidth, PageHeight);
                OpsPainter.Paint(canvas, pages[i], fonts);
                OpsPainter.Paint(canvas, Footer(doc, i + 1, pages.Count), fonts);
                pdf.EndPage();
            }
            pdf.Close();
        }
        // One bookmark per section, in document order, each opening the section heading's named destination.
        var outline = doc.Sections.Select(s => new OutlineEntry(s.Heading, s.Level, s.Anchor)).ToList();
        output.Write(PdfOutline.Add(rendered.ToArray(), outline));
        return new PdfRenderInfo(pages.Count, pages.Sum(p => p.Count(op => op is GridImageOp)), pages.Sum(p => p.Count(op => op is HeatMapOp)));
    }

    private static IEnumerable<DrawOp> Footer(ReportDocument doc, int page, int pages)
    {
        float y = PageHeight - BottomMargin + 26;
        yield return new LineOp(new SKPoint(Margin, y - 10), new SKPoint(PageWidth - Margin, y - 10), Rule, 0.4f);
        yield return new TextOp(Margin, y, doc.Title, Face.Regular, 7, Grey);
        yield return new TextOp(PageWidth - Margin, y, $"page {page} of {pages}", Face.Regular, 7, Grey, SKTextAlign.Right);
    }

    /// <summary>Lays the document out on A4 pages: one list of drawing operations per page.</summary>
    public static IReadOnlyList<IReadOnlyList<DrawOp>> Paginate(ReportDocument doc, ReportFonts fonts)
    {
        var p = new Pager(fonts);
        p.TitleBlock(doc.Title, doc.Subtitle);
        foreach (var section in doc.Sections)
        {
            p.Heading(section.Heading, section.Level, p.KeepHeight(section.Blocks.FirstOrDefault()), section.Anchor);
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case Paragraph para: p.Paragraph(para); break;
                    case Table table: p.Table(table); break;
                    case Figure figure: p.Figure(figure); break;
                    case HeatMap map: p.HeatMaps([map], standalone: true); break;
                    case VerdictGrid grid: p.VerdictGrid(grid); break;
                    case PageBreak: if (!p.AtTop) p.NewPage(); break;
                }
            }
        }
        return p.Pages;
    }

    private sealed class Pager(ReportFonts fonts)
    {
        private readonly List<List<DrawOp>> _pages = [[]];
        public IReadOnlyList<IReadOnlyList<DrawOp>> Pages => _pages;
        private List<DrawOp> Page => _pages[^1];
        private float _y = TopMargin;
        private const float Bottom = PageHeight - BottomMargin;
        private const float Left = Margin;
        private const float W = ContentWidth;

        public bool AtTop => _y <= TopMargin + 0.01f;
        private float Remaining => Bottom - _y;

        public void NewPage()
        {
            _pages.Add([]);
            _y = TopMargin;
        }

        private void Ensure(float height)
        {
            if (height > Remaining && !AtTop) NewPage();
        }

        private float Measure(string s, Face face, float size) => fonts.Measure(s, face, size);

        // ---- text ---------------------------------------------------------------------------------------------

        public void TitleBlock(string title, string subtitle)
        {
            foreach (var line in TextWrap.Wrap(title, W, s => Measure(s, Face.Bold, 19)))
            {
                _y += 24;
                Page.Add(new TextOp(Left, _y - 5, line, Face.Bold, 19, Ink));
            }
            _y += 4;
            Lines(subtitle, Face.Regular, 9.5f, Grey, 1.3f);
            _y += 4;
            Page.Add(new LineOp(new SKPoint(Left, _y), new SKPoint(Left + W, _y), Rule, 0.8f));
            _y += 6;
        }

        /// <summary>How much of a block must fit below a heading for the heading to stay on the page.</summary>
        public float KeepHeight(Block? block) => block switch
        {
            Figure f => FigureLayout.Title(f.Title, W, fonts).Height + FigureLayout.Grid(f.Grid, W, GridMaxHeight(f), MaxPanel, fonts).Height + 30,
            HeatMap m => HeatMapBox(m, IsNarrow(m) ? (W - 14) / 2 : W).Height,
            Repro.Report.Table => 50,
            Repro.Report.VerdictGrid => 90,
            _ => 45,
        };

        private float GridMaxHeight(Figure f) => PageHeight - TopMargin - BottomMargin - FigureLayout.Title(f.Title, W, fonts).Height - 60;

        public void Heading(string text, int level, float keep, string? anchor = null)
        {
            float size = level == 1 ? 13.5f : 11f;
            if (!AtTop) _y += level == 1 ? 14 : 10;
            var lines = TextWrap.Wrap(text, W, s => Measure(s, Face.Bold, size));
            Ensure(lines.Count * size * 1.3f + 8 + keep); // keep with what follows
            if (anchor is not null) Page.Add(new DestinationOp(new SKPoint(Left, _y), anchor));
            foreach (var line in lines)
            {
                _y += size * 1.3f;
                Page.Add(new TextOp(Left, _y - size * 0.3f, line, Face.Bold, size, Ink));
            }
            if (level == 1)
            {
                _y += 2;
                Page.Add(new LineOp(new SKPoint(Left, _y), new SKPoint(Left + W, _y), Rule, 0.5f));
            }
            _y += 5;
        }

        public void Paragraph(Paragraph para)
        {
            switch (para.Style)
            {
                case TextStyle.Subheading:
                    _y += 6;
                    Ensure(10.5f * 1.3f + 50);
                    Lines(para.Text, Face.Bold, 10, Ink, 1.3f);
                    _y += 3;
                    break;
                case TextStyle.Small:
                    Lines(para.Text, Face.Regular, 8, Grey, 1.35f);
                    _y += 5;
                    break;
                case TextStyle.Quote:
                    Lines(para.Text, Face.Italic, 9, Ink, 1.35f, indent: 10, fill: QuoteFill, bar: Rule);
                    _y += 6;
                    break;
                case TextStyle.Finding:
                    Lines(para.Text, Face.Regular, 9.5f, Bad, 1.35f, indent: 10, fill: FindingFill, bar: Bad);
                    _y += 6;
                    break;
                default:
                    Lines(para.Text, Face.Regular, 9.5f, Ink, 1.35f);
                    _y += 6;
                    break;
            }
        }

        /// <summary>Wrapped lines, each placed where it fits (a paragraph may continue on the next page).</summary>
        private void Lines(string text, Face face, float size, SKColor color, float leading, float indent = 0, SKColor? fill = null, SKColor? bar = null)
        {
            float lh = size * leading;
            var lines = TextWrap.Wrap(text, W - indent - (fill is null ? 0 : 6), s => Measure(s, face, size));
            for (int i = 0; i < lines.Count; i++)
            {
                Ensure(lh);
                if (fill is { } f) Page.Add(new RectOp(new SKRect(Left, _y, Left + W, _y + lh + 0.3f), f));
                if (bar is { } b) Page.Add(new RectOp(new SKRect(Left, _y, Left + 2, _y + lh + 0.3f), b));
                Page.Add(new TextOp(Left + indent, _y + lh - size * 0.32f - (lh - size) / 2, lines[i], face, size, color));
                _y += lh;
            }
        }

        // ---- tables -------------------------------------------------------------------------------------------

        private const float DefaultCellSize = 7.5f;
        private const float SmallestCellSize = 6.5f;
        private const float CellLeading = 1.28f;
        private const float Pad = 2.8f;
        private float _cellSize = DefaultCellSize;

        public void Table(Table table)
        {
            int n = table.Header.Count;
            // A wide table first gets a smaller font (down to 6.5 pt), then wraps.
            _cellSize = DefaultCellSize;
            var natural = NaturalWidths(table, n).Sum();
            if (natural > W) _cellSize = Math.Max(SmallestCellSize, DefaultCellSize * W / natural);
            var widths = ColumnWidths(table, n);
            var header = table.Header.Select((h, i) => Wrap(h, widths[i], Face.Bold)).ToList();
            float headerHeight = Height(header);
            var rows = table.Rows.Select(r => Enumerable.Range(0, n).Select(i => Wrap(i < r.Count ? r[i] : "", widths[i], Face.Regular)).ToList()).ToList();

            _y += 2;
            Ensure(headerHeight + (rows.Count > 0 ? Height(rows[0]) : 0) + 4);
            DrawRow(header, widths, headerHeight, Face.Bold, HeaderFill, table.Header, isHeader: true);
            for (int r = 0; r < rows.Count; r++)
            {
                float h = Height(rows[r]);
                if (h > Remaining && !AtTop)
                {
                    NewPage();
                    DrawRow(header, widths, headerHeight, Face.Bold, HeaderFill, table.Header, isHeader: true);
                }
                float top = _y;
                DrawRow(rows[r], widths, h, Face.Regular, r % 2 == 1 ? Zebra : null, table.Rows[r], isHeader: false);
                if (table.RowLinks is { } links && r < links.Count && links[r] is { } anchor)
                    Page.Add(new LinkOp(new SKRect(Left, top, Left + widths.Sum(), top + h), anchor));
            }
            Page.Add(new LineOp(new SKPoint(Left, _y), new SKPoint(Left + widths.Sum(), _y), Grey, 0.6f));
            _y += 3;
            if (!string.IsNullOrEmpty(table.Caption))
                Lines(table.Caption, Face.Italic, 7.5f, Grey, 1.3f);
            _y += 6;
        }

        private List<string> Wrap(string text, float width, Face face) =>
            TextWrap.Wrap(text, width - 2 * Pad, s => Measure(s, face, _cellSize)).ToList();

        private float Height(IEnumerable<List<string>> cells) =>
            cells.Select(c => c.Count).DefaultIfEmpty(1).Max() * _cellSize * CellLeading + 2 * Pad;

        private void DrawRow(List<List<string>> cells, float[] widths, float height, Face face, SKColor? fill, IReadOnlyList<string> raw, bool isHeader)
        {
            float total = widths.Sum();
            if (fill is { } f) Page.Add(new RectOp(new SKRect(Left, _y, Left + total, _y + height), f));
            if (isHeader) Page.Add(new LineOp(new SKPoint(Left, _y), new SKPoint(Left + total, _y), Grey, 0.6f));
            float x = Left;
            for (int i = 0; i < cells.Count; i++)
            {
                var colour = isHeader || i >= raw.Count ? Ink : CellColour(raw[i]);
                var cellFace = !isHeader && i < raw.Count && raw[i] is "[Re]" or "[¬Re]" or "[Re] where tested" ? Face.Bold : face;
                for (int l = 0; l < cells[i].Count; l++)
                {
                    float baseline = _y + Pad + (l + 1) * _cellSize * CellLeading - _cellSize * 0.3f;
                    Page.Add(new TextOp(x + Pad, baseline, cells[i][l], cellFace, _cellSize, colour));
                }
                x += widths[i];
            }
            _y += height;
            Page.Add(new LineOp(new SKPoint(Left, _y), new SKPoint(Left + total, _y), isHeader ? Grey : Rule, isHeader ? 0.6f : 0.3f));
        }

        /// <summary>A verdict cell's colour by its leading verdict, so that "[¬Re]; exploratory [Re]" reads as its primary verdict.</summary>
        private static SKColor CellColour(string cell) => cell switch
        {
            "yes" => Good,
            "NO" or "no" => Bad,
            "not run" => Grey,
            _ when cell.StartsWith("[Re]", StringComparison.Ordinal) => Good,
            _ when cell.StartsWith("[¬Re]", StringComparison.Ordinal) => Bad,
            _ when cell.StartsWith(VerdictText.NotTestedText, StringComparison.Ordinal) => Untested,
            _ => Ink,
        };

        /// <summary>
        /// Column widths that fill the text width: natural (unwrapped) widths if they fit, else each column gets its
        /// longest word plus a share of what is left in proportion to how much it would like to grow.
        /// </summary>
        private float[] NaturalWidths(Table table, int n)
        {
            var natural = new float[n];
            for (int i = 0; i < n; i++)
            {
                var cells = table.Rows.Select(r => i < r.Count ? r[i] : "").ToList();
                natural[i] = Math.Max(TextWrap.Natural(table.Header[i], s => Measure(s, Face.Bold, _cellSize)),
                    cells.Select(c => TextWrap.Natural(c, s => Measure(s, Face.Regular, _cellSize))).DefaultIfEmpty(0).Max()) + 2 * Pad + 1;
            }
            return natural;
        }

        private float[] ColumnWidths(Table table, int n)
        {
            var natural = NaturalWidths(table, n);
            var minimum = new float[n];
            for (int i = 0; i < n; i++)
            {
                var cells = table.Rows.Select(r => i < r.Count ? r[i] : "").ToList();
                minimum[i] = Math.Max(TextWrap.LongestWord(table.Header[i], s => Measure(s, Face.Bold, _cellSize)),
                    cells.Select(c => TextWrap.LongestWord(c, s => Measure(s, Face.Regular, _cellSize))).DefaultIfEmpty(0).Max()) + 2 * Pad + 1;
                minimum[i] = Math.Min(Math.Min(minimum[i], natural[i]), W * 0.3f);
            }
            float sumNatural = natural.Sum(), sumMin = minimum.Sum();
            var widths = new float[n];
            if (sumNatural <= W)
            {
                for (int i = 0; i < n; i++) widths[i] = natural[i] + (W - sumNatural) * natural[i] / sumNatural;
            }
            else if (sumMin <= W)
            {
                float want = natural.Zip(minimum, (a, b) => a - b).Sum();
                for (int i = 0; i < n; i++) widths[i] = minimum[i] + (W - sumMin) * (natural[i] - minimum[i]) / Math.Max(want, 1e-3f);
            }
            else
            {
                for (int i = 0; i < n; i++) widths[i] = minimum[i] * W / sumMin;
            }
            return widths;
        }

        // ---- verdict grids -------------------------------------------------------------------------------------

        /// <summary>
        /// A verdict grid: title and header kept with the first row, split across pages by rows (the header repeated), the last row
        /// kept with the legend, then the caption.
        /// </summary>
        public void VerdictGrid(VerdictGrid grid)
        {
            var parts = VerdictGridLayout.Lay(grid, W, fonts);
            float first = parts.Rows.Count > 0 ? parts.Rows[0].Height : 0;
            _y += 4;
            Ensure(parts.Title.Height + parts.Header.Height + first + (parts.Rows.Count <= 1 ? parts.Legend.Height : 0));
            Page.AddRange(parts.Title.At(Left, _y));
            _y += parts.Title.Height;
            Page.AddRange(parts.Header.At(Left, _y));
            _y += parts.Header.Height;
            for (int r = 0; r < parts.Rows.Count; r++)
            {
                float need = parts.Rows[r].Height + (r == parts.Rows.Count - 1 ? parts.Legend.Height : 0);
                if (need > Remaining && !AtTop)
                {
                    NewPage();
                    Page.AddRange(parts.Header.At(Left, _y));
                    _y += parts.Header.Height;
                }
                Page.AddRange(parts.Rows[r].At(Left, _y));
                _y += parts.Rows[r].Height;
            }
            Ensure(parts.Legend.Height);
            Page.AddRange(parts.Legend.At(Left, _y));
            _y += parts.Legend.Height;
            Lines(grid.Caption, Face.Italic, 7.5f, Grey, 1.3f);
            _y += 8;
        }

        // ---- figures ------------------------------------------------------------------------------------------

        /// <summary>Named destinations already placed: a figure (or a heat map standing alone) is a link target once, at its first drawing.</summary>
        private readonly HashSet<string> _destinations = [];

        private void Destination(string name)
        {
            if (_destinations.Add(name)) Page.Add(new DestinationOp(new SKPoint(Left, _y), name));
        }

        public void Figure(Figure figure)
        {
            var title = FigureLayout.Title(figure.Title, W, fonts);
            var grid = FigureLayout.Grid(figure.Grid, W, GridMaxHeight(figure), MaxPanel, fonts);
            _y += 4;
            Ensure(title.Height + grid.Height + 30);
            Destination(ReportModelBuilder.FigureAnchor(figure.Key));
            Page.AddRange(title.At(Left, _y));
            _y += title.Height;
            Page.AddRange(grid.At(Left + Math.Max(0, (W - grid.Width) / 2), _y));
            _y += grid.Height + 4;
            Lines(figure.Caption, Face.Italic, 8, Ink, 1.35f);
            _y += 8;
            HeatMaps(figure.HeatMaps);
        }

        /// <summary>Heat maps, two side by side when narrow enough, each with its caption (the matrix's summary) below.</summary>
        /// <param name="standalone">Heat maps of no figure block: the first of a figure key becomes that key's link target.</param>
        public void HeatMaps(IReadOnlyList<HeatMap> maps, bool standalone = false)
        {
            int i = 0;
            while (i < maps.Count)
            {
                bool narrow = IsNarrow(maps[i]);
                bool pair = narrow && i + 1 < maps.Count && IsNarrow(maps[i + 1]);
                var slot = narrow ? (W - 14) / 2 : W;
                var boxes = (pair ? new[] { maps[i], maps[i + 1] } : [maps[i]]).Select(m => HeatMapBox(m, slot)).ToList();
                float height = boxes.Max(b => b.Height);
                Ensure(height + 4);
                if (standalone) Destination(ReportModelBuilder.FigureAnchor(maps[i].Figure));
                for (int b = 0; b < boxes.Count; b++)
                    Page.AddRange(boxes[b].At(Left + b * (slot + 14), _y));
                _y += height + 10;
                i += boxes.Count;
            }
        }

        /// <summary>Half the text width suits matrices that are not much wider than tall and have at most 12 columns.</summary>
        private static bool IsNarrow(HeatMap m)
        {
            var a = HeatMapPlot.ToArray(m);
            int rows = a.GetLength(0), cols = a.GetLength(1);
            return cols <= 12 && rows * 2 >= cols;
        }

        private LaidOut HeatMapBox(HeatMap map, float slot)
        {
            var g = HeatMapPlot.Measure(map, slot, fonts);
            float x = Math.Max(0, (slot - g.Width) / 2);
            var ops = new List<DrawOp> { new HeatMapOp(new SKRect(x, 0, x + g.Width, g.Height), map, g) };
            var caption = FigureLayout.Text(map.Caption, slot, Face.Italic, 7, Grey, fonts);
            ops.AddRange(caption.At(0, g.Height + 2));
            return new LaidOut(ops, g.Height + 2 + caption.Height, slot);
        }
    }
}
