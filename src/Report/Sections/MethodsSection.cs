using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>The readings of details the paper leaves open, the profile's reductions, and every parameter of every record.</summary>
internal static class MethodsSection
{
    internal static IReadOnlyList<Block> MethodsBlocks(IReadOnlyList<ClaimResult> ordered)
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
            : new Table("Readings", ["Detail", "Our reading", "Claims"], readings));

        blocks.Add(new Paragraph("Reductions of the quick profile", TextStyle.Subheading));
        var flat = ordered.Select(r => (r, Params: Flatten(r.Parameters))).ToList();
        var reductions = flat.SelectMany(x => x.Params.Where(p => p.Key.Contains("reduction", StringComparison.OrdinalIgnoreCase))
            .Select(p => (IReadOnlyList<string>)[x.r.Id, x.r.Profile, p.Key, p.Value])).ToList();
        blocks.Add(reductions.Count == 0
            ? new Paragraph("No record lists a reduction.")
            : new Table("Reductions", ["Claim", "Profile", "Parameter", "Value"], reductions));

        blocks.Add(new Paragraph("Parameters of each claim", TextStyle.Subheading));
        if (flat.Count == 0) blocks.Add(new Paragraph("No records."));
        foreach (var (r, ps) in flat)
            blocks.Add(ps.Count == 0
                ? new Paragraph($"{r.Id}: no parameters recorded.")
                : new Table($"Parameters{r.Id}", [$"{r.Id} parameter", "Value"], ps.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]).ToList()));
        return blocks;
    }

    /// <summary>A JSON object flattened to "a.b[0].c = value" lines, in document order; arrays of scalars stay on one line.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(JsonObject? obj)
    {
        var list = new List<KeyValuePair<string, string>>();
        void Walk(string path, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o.Count == 0) list.Add(new(path, "{}"));
                    foreach (var (k, v) in o) Walk(path.Length == 0 ? k : $"{path}.{k}", v);
                    break;
                case JsonArray a when a.All(e => e is null or JsonValue):
                    list.Add(new(path, "[" + string.Join(", ", a.Select(Scalar)) + "]"));
                    break;
                case JsonArray a:
                    for (int i = 0; i < a.Count; i++) Walk($"{path}[{i}]", a[i]);
                    break;
                default:
                    list.Add(new(path, Scalar(node)));
                    break;
            }
        }
        if (obj is not null) Walk("", obj);
        return list;
    }

    internal static string Scalar(JsonNode? n) => n switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => n.ToJsonString(),
    };
}
