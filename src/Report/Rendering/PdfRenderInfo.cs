namespace Repro.Report.Rendering;

/// <summary>What the renderer produced: pages, and how many figure grids were embedded as images.</summary>
public sealed record PdfRenderInfo(int PageCount, int FigureImages, int HeatMaps);
