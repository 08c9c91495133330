using Repro.Results;

namespace Repro.Report;

/// <summary>
/// What we read where the paper is silent, and what the profile reduces: each reading and each reduction once, with the claims it
/// touches. The rest of the parameters, unchanged defaults included, are in the parameters appendix.
/// </summary>
internal static class ReadingsSection
{
    public const string Anchor = "Readings";
    public const string Heading = "Readings and reductions: where we differ from the paper or fill its gaps";

    internal static IReadOnlyList<Block> Blocks(IReadOnlyList<ClaimResult> ordered)
    {
        var blocks = new List<Block>
        {
            new Paragraph("Readings of details the paper leaves open", TextStyle.Subheading),
        };
        var readings = ordered.SelectMany(r => r.Readings.Select(kv => (kv.Key, kv.Value, r.Id)))
            .GroupBy(x => (x.Key, x.Value))
            .OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)[g.Key.Key, g.Key.Value, string.Join(", ", g.Select(x => x.Id).Distinct())])
            .ToList();
        blocks.Add(readings.Count == 0
            ? new Paragraph("No record lists a reading.")
            : new Table("Readings", ["Detail", "Our reading", "Claims"], readings,
                "The sensitivity section reruns the claims under the alternatives of the readings a verdict could depend on."));

        var profiles = ordered.Select(r => r.Profile).Distinct().ToList();
        blocks.Add(new Paragraph($"Reductions of the {string.Join(", ", profiles.Select(p => $"'{p}'"))} profile", TextStyle.Subheading));
        var reductions = ordered.SelectMany(r => ReportModelBuilder.Reductions(r).Select(text => (Text: text, r.Id)))
            .GroupBy(x => x.Text)
            .Select(g => (IReadOnlyList<string>)[g.Key, string.Join(", ", g.Select(x => x.Id).Distinct())]).ToList();
        blocks.Add(reductions.Count == 0
            ? new Paragraph("No record lists a reduction.")
            : new Table("Reductions", ["Reduction of the paper's setup", "Claims"], reductions));
        return blocks;
    }
}
