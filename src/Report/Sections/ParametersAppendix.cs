using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>Appendix: every parameter of every record, flattened, in compact tables.</summary>
internal static class ParametersAppendix
{
    public const string Anchor = "Parameters";
    public const string Heading = "Every parameter of every record";

    /// <summary>Each record's parameters, flattened to one line each, in one compact table per claim.</summary>
    internal static IReadOnlyList<Block> Blocks(IReadOnlyList<ClaimResult> ordered)
    {
        var blocks = new List<Block>
        {
            new Paragraph("Each record's 'parameters' object, flattened to one line per value (a.b[0].c), unchanged defaults included: what the " +
                          "claim ran with. The readings and the profile's reductions are also in the Readings section.", TextStyle.Small),
        };
        if (ordered.Count == 0) blocks.Add(new Paragraph("No records."));
        foreach (var r in ordered)
        {
            var ps = Flatten(r.Parameters).Where(p => !p.Key.EndsWith("Reductions", StringComparison.Ordinal)).ToList();
            blocks.Add(ps.Count == 0
                ? new Paragraph($"{r.Id}: no parameters recorded.")
                : new Table($"Parameters{r.Id}", [$"{r.Id} parameter", "Value"], ps.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]).ToList()));
        }
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
