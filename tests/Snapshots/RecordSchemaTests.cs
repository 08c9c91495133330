using System.Text.Json.Nodes;
using Json.Schema;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>
/// The published JSON Schema of a result record (src/Results/result-record.schema.json), for a reviewer's own tools: every record of the
/// fixture, a real run, validates against it, and the schema refuses what ResultSchema refuses.
/// </summary>
public sealed class RecordSchemaTests
{
    static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "result-record.schema.json")));

    static EvaluationResults Evaluate(JsonNode record) =>
        Schema.Evaluate(System.Text.Json.JsonDocument.Parse(record.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    static string Errors(EvaluationResults r) =>
        string.Join("; ", (r.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));

    [Fact]
    public void Given_every_record_of_the_fixture_When_validated_against_the_schema_Then_each_is_valid()
    {
        var files = Directory.GetFiles(Fixture.ResultsDir, "C*.json");
        Assert.Equal(11, files.Length);
        foreach (var path in files)
        {
            var r = Evaluate(JsonNode.Parse(File.ReadAllText(path))!);
            Assert.True(r.IsValid, $"{Path.GetFileName(path)}: {Errors(r)}");
        }
    }

    [Fact]
    public void Given_a_record_with_an_unknown_outcome_or_another_schema_version_When_validated_Then_the_schema_refuses_it()
    {
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixture.ResultsDir, "C1.json")))!;
        var version = record.DeepClone();
        version["schemaVersion"] = ResultSchema.CurrentVersion - 1;
        Assert.False(Evaluate(version).IsValid);
        var outcome = record.DeepClone();
        outcome["checks"]![0]!["outcome"] = "Probably";
        Assert.False(Evaluate(outcome).IsValid);
        var p = record.DeepClone();
        p["checks"]![0]!["p"] = 1.5;
        Assert.False(Evaluate(p).IsValid);
    }
}
