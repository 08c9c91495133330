using SkiaSharp;

namespace Repro.Report.Rendering;

/// <summary>
/// Lays out a verdict grid: claim ids as column headers, the reading and its alternative at the left of each row, one filled
/// rectangle per cell (a light tint of its outcome's colour, with the verdict in the dark colour and the number in ink, so that it
/// reads in black and white too), a thick dark border and a 'flip' tag on a flipped cell, and a legend. The PDF pages take the
/// parts one by one (a tall grid splits by rows, repeating the header); the PNG draws them all at once.
/// </summary>
public static class VerdictGridLayout
{
    public const float HeaderSize = 8f;
    public const float ReadingSize = 7f;
    public const float AlternativeSize = 6.5f;
    public const float VerdictSize = 7f;
    public const float NumberSize = 6f;
    public const float TagSize = 5.5f;
    public const float LegendSize = 6.5f;
    /// <summary>The white gutter between cells.</summary>
    public const float Gap = 2f;
    public const float Pad = 3.5f;
    public const float FlipBorder = 1.8f;
    /// <summary>How much of the outcome's colour a cell's fill keeps (the rest is white).</summary>
    public const float FillTint = 0.2f;
    public const float MaxColumn = 120f;
    public const string FlipTag = "flip";
    private const float Leading = 1.22f;

    /// <summary>An inconclusive verdict: a dark amber, neither the palette's green nor its red.</summary>
    public static readonly SKColor Amber = new(0x8A, 0x5A, 0x00);

    /// <summary>A flipped cell's thick border and its tag: the report's ink.</summary>
    public static readonly SKColor FlipColour = PdfRenderer.Ink;

    /// <summary>The outcome's dark colour: the verdict's text, and (tinted) the cell's fill.</summary>
    public static SKColor Colour(VerdictGridOutcome o) => o switch
    {
        VerdictGridOutcome.Re => PdfRenderer.Good,
        VerdictGridOutcome.NotRe => PdfRenderer.Bad,
        VerdictGridOutcome.Inconclusive => Amber,
        VerdictGridOutcome.NotTested => PdfRenderer.Untested,
        _ => PdfRenderer.Grey,
    };

    /// <summary>The cell's fill: a light tint of the outcome's colour; light grey for a cell without a verdict; white for '='.</summary>
    public static SKColor Fill(VerdictGridOutcome o) => o switch
    {
        VerdictGridOutcome.Untouched => SKColors.White,
        VerdictGridOutcome.NotRun or VerdictGridOutcome.Other => Tint(PdfRenderer.Grey, 0.13f),
        _ => Tint(Colour(o), FillTint),
    };

    /// <summary>The cell's thin outline: a mid tint of its colour; the table rule's grey for '='.</summary>
    public static SKColor Outline(VerdictGridOutcome o) => o == VerdictGridOutcome.Untouched ? PdfRenderer.Rule : Tint(Colour(o), 0.45f);

    /// <summary><paramref name="c"/> mixed with white, keeping <paramref name="amount"/> of it.</summary>
    public static SKColor Tint(SKColor c, float amount)
    {
        static byte Mix(byte v, float a) => (byte)Math.Round(255 + (v - 255) * a);
        return new SKColor(Mix(c.Red, amount), Mix(c.Green, amount), Mix(c.Blue, amount));
    }

    /// <summary>
    /// The grid laid out within <paramref name="Width"/>: title, column header, one part per row (its height includes the gutter
    /// below it), legend. Each part's operations are relative to its own top-left corner.
    /// </summary>
    public sealed record Parts(LaidOut Title, LaidOut Header, IReadOnlyList<LaidOut> Rows, LaidOut Legend, float Width);

    private static readonly (VerdictGridOutcome Outcome, string Label)[] LegendEntries =
    [
        (VerdictGridOutcome.Re, "[Re]"),
        (VerdictGridOutcome.NotRe, "[¬Re]"),
        (VerdictGridOutcome.Inconclusive, "inconclusive"),
        (VerdictGridOutcome.NotTested, "not tested at this budget"),
        (VerdictGridOutcome.NotRun, "not run"),
        (VerdictGridOutcome.Untouched, "= the reading cannot touch the claim"),
    ];

    public static Parts Lay(VerdictGrid grid, float width, ReportFonts fonts)
    {
        float M(string s, Face face, float size) => fonts.Measure(s, face, size);
        int n = Math.Max(1, grid.ColumnLabels.Count);
        float natural = grid.RowLabels
            .Select(r => Math.Max(M(r.Reading, Face.Bold, ReadingSize), M(r.Alternative, Face.Regular, AlternativeSize))).DefaultIfEmpty(0).Max();
        float labelWidth = Math.Clamp(natural + Pad + 2, 50, width * 0.26f);
        float column = Math.Min(MaxColumn, (width - labelWidth - n * Gap) / n);
        float gridWidth = labelWidth + n * (column + Gap);
        float inner = column - 2 * Pad;
        float tagWidth = M(FlipTag, Face.Bold, TagSize) + 4;
        float ColumnLeft(int c) => labelWidth + Gap + c * (column + Gap);
        // Narrow columns (many claims) get a smaller verdict font rather than a verdict broken inside a word ("inconclusiv-e").
        var verdicts = grid.Cells.SelectMany(r => r).Where(c => c.Outcome != VerdictGridOutcome.Untouched).ToList();
        float verdictSize = VerdictSize;
        while (verdictSize > 5f && verdicts.Any(c => TextWrap.LongestWord(c.Verdict, s => M(s, Face.Bold, verdictSize)) > inner - (c.Flip ? tagWidth + 2 : 0)))
            verdictSize -= 0.25f;

        // Column header: "Reading: alternative" over the labels, each claim id centred over its column.
        var header = new List<DrawOp>();
        float headerHeight = HeaderSize * 1.3f + 4;
        float headerBaseline = headerHeight - 4 - HeaderSize * 0.3f;
        header.Add(new TextOp(0, headerBaseline, "Reading: alternative", Face.Bold, ReadingSize, PdfRenderer.Grey));
        for (int c = 0; c < grid.ColumnLabels.Count; c++)
            header.Add(new TextOp(ColumnLeft(c) + column / 2, headerBaseline, grid.ColumnLabels[c], Face.Bold, HeaderSize, PdfRenderer.Ink,
                SKTextAlign.Center));
        header.Add(new LineOp(new SKPoint(0, headerHeight - 1), new SKPoint(gridWidth, headerHeight - 1), PdfRenderer.Grey, 0.6f));

        var rows = new List<LaidOut>();
        for (int r = 0; r < grid.RowLabels.Count; r++)
        {
            var label = grid.RowLabels[r];
            var reading = TextWrap.Wrap(label.Reading, labelWidth - Pad, s => M(s, Face.Bold, ReadingSize));
            var alternative = TextWrap.Wrap(label.Alternative, labelWidth - Pad, s => M(s, Face.Regular, AlternativeSize));
            float labelHeight = reading.Count * ReadingSize * Leading + alternative.Count * AlternativeSize * Leading;

            var cells = grid.Cells[r].Select(cell => cell.Outcome == VerdictGridOutcome.Untouched
                ? (Verdict: (IReadOnlyList<string>)[], Number: (IReadOnlyList<string>)[])
                : (Verdict: TextWrap.Wrap(cell.Verdict, inner - (cell.Flip ? tagWidth + 2 : 0), s => M(s, Face.Bold, verdictSize)),
                   Number: NumberLines(cell.Number, inner - (cell.Flip ? FlipBorder : 0), s => M(s, Face.Regular, NumberSize)))).ToList();
            float Content(int c) => cells[c].Verdict.Count * verdictSize * Leading + cells[c].Number.Count * NumberSize * Leading;
            float height = Math.Max(verdictSize * Leading + NumberSize * Leading,
                Math.Max(labelHeight, Enumerable.Range(0, cells.Count).Select(Content).DefaultIfEmpty(0).Max())) + 2 * Pad;

            var ops = new List<DrawOp>();
            float y = (height - labelHeight) / 2;
            foreach (var line in reading)
            {
                y += ReadingSize * Leading;
                ops.Add(new TextOp(0, y - ReadingSize * 0.3f, line, Face.Bold, ReadingSize, PdfRenderer.Ink));
            }
            foreach (var line in alternative)
            {
                y += AlternativeSize * Leading;
                ops.Add(new TextOp(0, y - AlternativeSize * 0.3f, line, Face.Regular, AlternativeSize, PdfRenderer.Grey));
            }

            for (int c = 0; c < cells.Count && c < n; c++)
            {
                var cell = grid.Cells[r][c];
                float x = ColumnLeft(c);
                var box = new SKRect(x, 0, x + column, height);
                ops.Add(Outlined(box, Fill(cell.Outcome), Outline(cell.Outcome), 0.5f));
                if (cell.Outcome == VerdictGridOutcome.Untouched)
                {
                    ops.Add(new TextOp(x + column / 2, height / 2 + 3, cell.Verdict, Face.Regular, 9, PdfRenderer.Grey, SKTextAlign.Center));
                }
                else
                {
                    float ty = (height - Content(c)) / 2;
                    foreach (var line in cells[c].Verdict)
                    {
                        ty += verdictSize * Leading;
                        ops.Add(new TextOp(x + Pad, ty - verdictSize * 0.3f, line, Face.Bold, verdictSize, Colour(cell.Outcome)));
                    }
                    foreach (var line in cells[c].Number)
                    {
                        ty += NumberSize * Leading;
                        ops.Add(new TextOp(x + Pad, ty - NumberSize * 0.3f, line, Face.Regular, NumberSize, PdfRenderer.Ink));
                    }
                }
                if (cell.Flip)
                {
                    ops.Add(Outlined(box, null, FlipColour, FlipBorder));
                    float tagRight = box.Right - FlipBorder, tagTop = box.Top + FlipBorder;
                    var tag = new SKRect(tagRight - tagWidth, tagTop, tagRight, tagTop + TagSize + 3);
                    ops.Add(new RectOp(tag, FlipColour));
                    ops.Add(new TextOp((tag.Left + tag.Right) / 2, tag.Bottom - 2, FlipTag, Face.Bold, TagSize, SKColors.White, SKTextAlign.Center));
                }
            }
            rows.Add(new LaidOut(ops, height + Gap, gridWidth));
        }

        return new Parts(FigureLayout.Title(grid.Title, width, fonts), new LaidOut(header, headerHeight + Gap, gridWidth), rows,
            Legend(grid, width, fonts), gridWidth);
    }

    /// <summary>A rectangle whose outline lies inside <paramref name="r"/> (a stroke straddles its path), so that nothing leaves it.</summary>
    private static RectOp Outlined(SKRect r, SKColor? fill, SKColor stroke, float width)
    {
        float h = width / 2;
        return new RectOp(new SKRect(r.Left + h, r.Top + h, r.Right - h, r.Bottom - h), fill, stroke, width);
    }

    /// <summary>"mean [lo, hi]" on one line where it fits, else the mean on one line and the interval wrapped below it.</summary>
    private static IReadOnlyList<string> NumberLines(string number, float width, Func<string, float> measure)
    {
        if (number.Length == 0) return [];
        int split = number.IndexOf(" [", StringComparison.Ordinal);
        if (measure(number) <= width || split < 0) return TextWrap.Wrap(number, width, measure);
        return [.. TextWrap.Wrap(number[..split], width, measure), .. TextWrap.Wrap(number[(split + 1)..], width, measure)];
    }

    /// <summary>A swatch and a label per outcome (and 'other' only where a cell has one), then the flip's border; wraps to the width.</summary>
    private static LaidOut Legend(VerdictGrid grid, float width, ReportFonts fonts)
    {
        var entries = LegendEntries.Select(e => (e.Outcome, e.Label, Flip: false)).ToList();
        if (grid.Cells.SelectMany(r => r).Any(c => c.Outcome == VerdictGridOutcome.Other))
            entries.Add((VerdictGridOutcome.Other, "other (invalid run, recorded)", false));
        entries.Add((VerdictGridOutcome.Untouched, "thick border and 'flip': the verdict differs from the default row's", true));

        const float swatchW = 11, swatchH = 8, lineHeight = 11, top = 4;
        var ops = new List<DrawOp>();
        float x = 0, y = top;
        foreach (var (outcome, label, flip) in entries)
        {
            float item = swatchW + 3 + fonts.Measure(label, Face.Regular, LegendSize);
            if (x > 0 && x + item > width)
            {
                x = 0;
                y += lineHeight;
            }
            var swatch = new SKRect(x, y + 1, x + swatchW, y + 1 + swatchH);
            ops.Add(flip ? Outlined(swatch, SKColors.White, FlipColour, 1.5f) : Outlined(swatch, Fill(outcome), Outline(outcome), 0.5f));
            ops.Add(new TextOp(x + swatchW + 3, y + 1 + swatchH - 1.5f, label, Face.Regular, LegendSize, PdfRenderer.Ink));
            x += item + 12;
        }
        return new LaidOut(ops, y + lineHeight + 2, width);
    }

    public const float PngScale = 2f;
    private const float PngPad = 12f;

    /// <summary>The grid on its own as a PNG, as wide as the PDF's text: title, grid, legend and caption.</summary>
    public static byte[] Png(VerdictGrid grid, ReportFonts fonts)
    {
        float inner = PdfRenderer.ContentWidth, width = inner + 2 * PngPad;
        var parts = Lay(grid, inner, fonts);
        var caption = FigureLayout.Text(grid.Caption, inner, Face.Italic, 7.5f, PdfRenderer.Grey, fonts);
        var ops = new List<DrawOp>();
        float y = PngPad;
        foreach (var part in new[] { parts.Title, parts.Header }.Concat(parts.Rows).Append(parts.Legend).Append(caption))
        {
            ops.AddRange(part.At(PngPad, y));
            y += part.Height;
        }
        float height = y + PngPad;

        return FigurePng.Rasterise(ops, width, height, PngScale, fonts);
    }
}
