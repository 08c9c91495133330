using System.Text.Json;
using System.Text.Json.Nodes;
using Repro.Cli.CommandLine;
using Repro.Experiments.Claims;
using Repro.Experiments.Shards;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro plan --shards N</c>: the run's units packed into N shards, as a table (text) or as the JSON a CI engine reads (its
/// "matrix" member is {"shard": ["1/N", …]}, for a strategy matrix).
/// </summary>
public sealed class PlanCommand(Workspace workspace, IAnsiConsole console) : CliCommand<PlanSettings>
{
    protected override Task<int> RunAsync(PlanSettings settings, CancellationToken cancel)
    {
        var plan = ShardSession.Plan(workspace, settings.Claims ?? ClaimCatalog.All, study: settings.Claims is null);
        var shards = plan.Pack(settings.Shards);
        if (settings.Format == PlanFormat.Json)
        {
            console.Profile.Out.Writer.WriteLine(Json(plan, shards, settings).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return Task.FromResult(ExitCodes.Ok);
        }
        string verb = settings.Claims is null ? "reproduce" : $"claims --only {string.Join(',', settings.Claims.Select(c => c.Id))}";
        console.WriteLine($"Plan of '{verb}' ({plan.Profile.Name} profile) in {shards.Count} shard(s); expected seconds from the shipped reference run (2 cores):");
        var table = new Spectre.Console.Table().AddColumn("shard").AddColumn(new TableColumn("units").RightAligned()).AddColumn(new TableColumn("expected").RightAligned()).AddColumn("longest units");
        foreach (var s in shards)
            table.AddRow(new Text(s.Label), new Text(s.Units.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(Repro.Report.Num.Seconds(s.ExpectedSeconds)),
                new Text(string.Join("; ", s.Units.Take(3).Select(u => u.Name)) + (s.Units.Count > 3 ? $"; … {s.Units.Count - 3} more" : "")));
        console.Write(table);
        console.WriteLine($"Merge ('repro merge' of the shards' folders, then 'repro {(settings.Claims is null ? "reproduce" : verb)}'): " +
                          (plan.MergeClaims.Count == 0 ? "the records" : $"{string.Join(", ", plan.MergeClaims)} on the cached networks and attacks, then the records") +
                          (settings.Claims is null ? " and the report." : "."));
        console.WriteLine($"Run shard I with: repro {(settings.Claims is null ? "reproduce" : verb)} --shard I/{shards.Count} (or REPRO_SHARD, or a Slurm array of {shards.Count} tasks).");
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>The plan as JSON: the matrix, each shard's units with their expected seconds, and what the merge computes.</summary>
    public static JsonObject Json(RunPlan plan, IReadOnlyList<Shard> shards, PlanSettings settings) => new()
    {
        ["profile"] = plan.Profile.Name,
        ["verb"] = settings.Claims is null ? "reproduce" : "claims",
        ["only"] = settings.Claims is null ? null : new JsonArray(settings.Claims.Select(c => (JsonNode?)c.Id).ToArray()),
        ["shards"] = shards.Count,
        ["matrix"] = new JsonObject { ["shard"] = new JsonArray(shards.Select(s => (JsonNode?)s.Label).ToArray()) },
        ["plan"] = new JsonArray(shards.Select(s => (JsonNode?)new JsonObject
        {
            ["shard"] = s.Label,
            ["expectedSeconds"] = Math.Round(s.ExpectedSeconds, 1),
            ["units"] = new JsonArray(s.Units.Select(u => (JsonNode?)new JsonObject
            {
                ["name"] = u.Name, ["kind"] = u.Kind.ToString(), ["expectedSeconds"] = Math.Round(u.ExpectedSeconds, 1),
            }).ToArray()),
        }).ToArray()),
        ["merge"] = new JsonObject { ["claims"] = new JsonArray(plan.MergeClaims.Select(c => (JsonNode?)c).ToArray()) },
        ["costs"] = "expected seconds on the reference machine (the shipped reference run: 2 cores, quick profile); the same plan on every machine",
    };
}
