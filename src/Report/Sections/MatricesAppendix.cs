using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>
/// Appendix: the correlation matrices the body leaves out: a paper figure's beyond the first <see cref="FiguresSection.HeatMapsInBody"/>,
/// and a record's own heat maps that belong to no figure with images.
/// </summary>
internal static class MatricesAppendix
{
    public const string Anchor = "Matrices";
    public const string Heading = "Correlation matrices not shown in the body";

    internal static IReadOnlyList<Block> Blocks(IReadOnlyList<ClaimResult> ordered)
    {
        var blocks = new List<Block>();
        foreach (var info in PaperCatalogue.Figures)
        {
            var rest = ordered.SelectMany(r => r.Matrices.Where(m => m.Figure == info.Key)).Skip(FiguresSection.HeatMapsInBody).ToList();
            if (rest.Count == 0) continue;
            blocks.Add(new Paragraph($"{info.Title}: the other {rest.Count} matrices", TextStyle.Subheading));
            blocks.AddRange(rest.Select(ToHeatMap));
        }
        var known = PaperCatalogue.Figures.Select(f => f.Key).ToHashSet();
        foreach (var r in ordered)
        {
            var withImages = r.Images.Select(i => i.Figure).ToHashSet();
            var own = r.Matrices.Where(m => !known.Contains(m.Figure) && !withImages.Contains(m.Figure)).ToList();
            if (own.Count == 0) continue;
            blocks.Add(new Paragraph($"{r.Id}: the record's own matrices", TextStyle.Subheading));
            blocks.AddRange(own.Select(ToHeatMap));
        }
        if (blocks.Count == 0) blocks.Add(new Paragraph("The body shows every matrix of the records."));
        return blocks;
    }
}
