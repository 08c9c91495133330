using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Repro.Experiments.Bench;
using Repro.Results;
using Spectre.Console;
using Repro.Experiments.Runtime;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro bench</c>: runs <see cref="AttackBenchmark"/> on the CPU with the --threads setting, prints the table and
/// writes &lt;out&gt;/bench/attack-benchmark.json and .md atomically.
/// </summary>
public sealed class BenchCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console, ILogger<BenchCommand> logger) : CliCommand<BenchSettings>
{
    public const string FileStem = "attack-benchmark";

    protected override async Task<int> RunAsync(BenchSettings settings, CancellationToken cancel)
    {
        if (!string.Equals(workspace.Options.Device, "auto", StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(workspace.Options.Device, "cpu", StringComparison.OrdinalIgnoreCase))
            logger.LogWarning("bench measures the CPU; --device {Device} is ignored", workspace.Options.Device);
        workspace.ConfigureTorch();
        if (settings.StagesOnly)
        {
            PrintStages(cancel);
            return ExitCodes.Ok;
        }
        var options = new AttackBenchmarkOptions
        {
            Cnn = workspace.Profile.Cnn(false),
            Seed = workspace.Options.Seed ?? 0,
            CellSeconds = settings.CellSeconds,
            NoiseSigma = workspace.Profile.NoiseSigma,
            LearningRate = workspace.Profile.AttackLearningRate,
        };
        var result = await ui.RunAsync(bars =>
        {
            var bar = bars.Add("bench", 1);
            var r = new AttackBenchmark(options).Run(new Reporter<BenchProgress>(p =>
            {
                bar.SetMax(p.Total);
                bar.Set(p.Done, $"bench: {p.Stage}");
            }), cancel);
            bar.Complete("bench: done");
            return r;
        }).ConfigureAwait(false);

        Print(result);
        Directory.CreateDirectory(workspace.BenchDir);
        var json = Path.Combine(workspace.BenchDir, FileStem + ".json");
        var md = Path.Combine(workspace.BenchDir, FileStem + ".md");
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(result, ResultStore.Json));
        AtomicFile.WriteAllText(md, result.ToMarkdown());
        console.WriteLine($"Written: {json}");
        console.WriteLine($"         {md}");
        PrintStages(cancel);
        return ExitCodes.Ok;
    }

    /// <summary>This machine's matmul rates now, then the stage table of the last claims/reproduce run (rewriting its CSV beside it).</summary>
    void PrintStages(CancellationToken cancel)
    {
        var plan = workspace.Plan;
        var rates = MatmulProbe.Measure([1, plan.Threads, Environment.ProcessorCount], cancel: cancel);
        var concurrent = MatmulProbe.MeasureConcurrent(Environment.ProcessorCount, cancel: cancel);
        var c = CultureInfo.InvariantCulture;
        console.WriteLine("Matmul rate now: " + string.Join(", ", rates.Select(r => string.Create(c,
            $"{r.FlopsPerSecond / 1e9:0.0} GFLOP/s at {r.Threads} thread(s)"))) + $" ({rates[0].Size}² float32; {Environment.ProcessorCount} cores, default {plan.Jobs} job(s) × {plan.Threads} thread(s)).");
        double one = rates.First(r => r.Threads == 1).FlopsPerSecond;
        console.WriteLine(string.Create(c, $"Every core busy: {concurrent.Workers} one-thread matmuls at once gave {string.Join(" + ", concurrent.PerWorker.Select(r => (r / 1e9).ToString("0.0", c)))} = {concurrent.FlopsPerSecond / 1e9:0.0} GFLOP/s, ") +
            string.Create(c, $"against {concurrent.Workers} × {one / 1e9:0.0} = {concurrent.Workers * one / 1e9:0.0} GFLOP/s if the cores did not slow each other ({concurrent.FlopsPerSecond / (concurrent.Workers * one):0%} of it)."));
        var path = Path.Combine(workspace.BenchDir, StageTable.JsonName);
        if (StageTable.TryRead(path) is not { } stages)
        {
            console.WriteLine($"No stage table yet ({path}): run 'repro reproduce' or 'repro claims' (with an empty model cache to measure every training).");
            return;
        }
        console.WriteLine($"Stage table of the last run that did work: {path}");
        StageTableView.Write(console, stages);
        var csv = Path.Combine(workspace.BenchDir, StageTable.CsvName);
        AtomicFile.WriteAllText(csv, stages.ToCsv());
        console.WriteLine($"Written: {csv}");
    }

    void Print(AttackBenchmarkResult r)
    {
        console.WriteLine($"CPU: {r.Cpu} ({r.ProcessorCount} logical processors); intra-op threads {r.Threads}; TorchSharp {r.TorchSharp}");
        console.WriteLine($"FC: {r.FcDescription}; CNN: {r.CnnDescription}; untrained seeded networks");
        var table = new Table().AddColumn("").AddColumn("measurement").AddColumn(new TableColumn("value").RightAligned())
            .AddColumn("how").AddColumn("target").AddColumn("pass");
        foreach (var row in r.Rows())
            table.AddRow(new Text(row.Group), new Text(row.Measurement), new Text(row.Value), new Text(row.Detail),
                new Text(row.Target ?? ""),
                row.Passed is { } p ? new Text(p ? "pass" : "FAIL", new Style(p ? Color.Green : Color.Red)) : new Text(""));
        console.Write(table);
    }
}
