namespace Repro.Report;

/// <summary>
/// What the report needs besides the result records. Passed in, never computed inside the report,
/// so that the same records and context always give the same document (and snapshots stay stable).
/// </summary>
/// <param name="Title">The report's title.</param>
/// <param name="Date">When the report was generated.</param>
/// <param name="Commit">The git commit the report was generated from (any string; "unknown" if none).</param>
public sealed record ReportContext(string Title, DateTimeOffset Date, string Commit)
{
    public const string DefaultTitle = "Reproducing 'Neural Networks Playing Dough'";

    /// <summary>Claim id → SHA-256 (hex) of its record file, for the provenance line under every figure and table.</summary>
    public IReadOnlyDictionary<string, string> RecordSha256 { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage table of the last run that did work (&lt;out&gt;/bench/stages.json), for the cost section; null: none.</summary>
    public Results.StageTable? Stages { get; init; }

    /// <summary>The sensitivity study's record (results/sensitivity.json), when it was run.</summary>
    public Repro.Results.SensitivityRecord? Sensitivity { get; init; }

    /// <summary>What budget would test the capped networks (results/epochs-needed.json, <c>repro budget</c>), when it was measured.</summary>
    public Repro.Results.EpochsNeededRecord? EpochsNeeded { get; init; }

    /// <summary>A context with the default title.</summary>
    public static ReportContext Create(DateTimeOffset date, string commit) => new(DefaultTitle, date, commit);
}

/// <summary>The whole report as a pure document model: no layout, no pixels decided yet.</summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<Section> Sections);

/// <summary>A numbered part of the report. Level 1 is a section, level 2 a subsection.</summary>
public sealed record Section(string Anchor, string Heading, IReadOnlyList<Block> Blocks, int Level = 1);

/// <summary>One block of a section.</summary>
public abstract record Block
{
    /// <summary>The block's kind, spelled out so that serialised models (snapshots) read on their own.</summary>
    public abstract string Kind { get; }
}

public enum TextStyle { Body, Small, Subheading, Quote, Finding }

/// <summary>A paragraph of running text, wrapped by the renderer within the page margins.</summary>
public sealed record Paragraph(string Text, TextStyle Style = TextStyle.Body) : Block
{
    public override string Kind => "Paragraph";
}

/// <summary>A table: a header and rows of already formatted cells. Paginates, repeating its header.</summary>
public sealed record Table(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null) : Block
{
    public override string Kind => "Table";

    /// <summary>Per row, the anchor of the section the row leads to (a link in the PDF), or null; null for a table without links.</summary>
    public IReadOnlyList<string?>? RowLinks { get; init; }
}

/// <summary>
/// A figure of the paper: a grid of image panels (rows = ImageRecord.Row values in order of first appearance,
/// columns = ImageRecord.Column values), its caption, and the correlation matrices that belong to it.
/// </summary>
public sealed record Figure(string Key, string Title, string Caption, ImageGrid Grid, IReadOnlyList<HeatMap> HeatMaps) : Block
{
    public override string Kind => "Figure";
}

/// <summary>The panels of a figure laid on a grid; a cell with no panel stays empty.</summary>
public sealed record ImageGrid(IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, IReadOnlyList<Panel> Panels)
{
    public bool IsEmpty => Panels.Count == 0;
    public bool HasNotes => Panels.Any(p => !string.IsNullOrEmpty(p.Note));
    public static readonly ImageGrid Empty = new([], [], []);
}

/// <summary>
/// One image panel, raw values in row-major order (Height × Width). Drawn as <c>pyplot.imshow</c> draws by default:
/// min–max normalised on its own, viridis, nearest neighbour. <see cref="Pixels"/> null: a blank panel (failed attack).
/// </summary>
public sealed record Panel(int Row, int Column, int Height, int Width, float[]? Pixels, string? Note)
{
    public bool Blank => Pixels is null;
}

/// <summary>A labelled matrix drawn as a heat map with a colour bar; the caption is the record's summary.</summary>
public sealed record HeatMap(string Figure, string Title, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, double[][] Values, string Caption) : Block
{
    public override string Kind => "HeatMap";
}

/// <summary>
/// A matrix of verdicts drawn as a coloured grid: a row per <see cref="RowLabels"/> entry, a column per claim
/// (<see cref="ColumnLabels"/>), each cell filled by its outcome and printing its verdict and deciding number.
/// <see cref="Cells"/>[row][column]; every row has one cell per column.
/// </summary>
public sealed record VerdictGrid(string Key, string Title, IReadOnlyList<VerdictGridRow> RowLabels, IReadOnlyList<string> ColumnLabels,
    IReadOnlyList<IReadOnlyList<VerdictGridCell>> Cells, string Caption) : Block
{
    public override string Kind => "VerdictGrid";
}

/// <summary>A row of a verdict grid: the reading it changes and the alternative it takes.</summary>
public sealed record VerdictGridRow(string Reading, string Alternative);

/// <summary>
/// One cell of a verdict grid: its outcome (which decides the colour), the verdict as written ("[Re]", "=", "not run"),
/// its deciding check's "mean [lo, hi]" (empty when none), and whether it differs from the default row's verdict.
/// </summary>
public sealed record VerdictGridCell(VerdictGridOutcome Outcome, string Verdict, string Number, bool Flip);

/// <summary>What a verdict grid's cell shows: a verdict, '=' (the reading cannot touch the claim), or a cell that has no verdict.</summary>
public enum VerdictGridOutcome { Re, NotRe, Inconclusive, NotTested, NotRun, Untouched, Other }

/// <summary>Start the next block on a new page.</summary>
public sealed record PageBreak : Block
{
    public override string Kind => "PageBreak";
}
