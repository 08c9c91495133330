using System.Globalization;
using Repro.Cli.CommandLine;
using Repro.Cli.Ui;
using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Perturbations;
using Spectre.Console;
using AttackSettings = Repro.Cli.CommandLine.AttackSettings;

namespace Repro.Cli.Commands;

/// <summary>
/// <c>repro attack</c>: trains or loads the network, runs PerturbationRunner for every class (or --class), and compares
/// the APs with the training set's PNCs (Correlation.Matrix, MatrixSummary).
/// </summary>
public sealed class AttackCommand(Workspace workspace, ProgressUi ui, IAnsiConsole console) : CliCommand<AttackSettings>
{
    protected override async Task<int> RunAsync(AttackSettings settings, CancellationToken cancel)
    {
        var profile = workspace.Profile;
        var choice = NetworkChoice.From(settings.Network, workspace);
        var feed = settings.Feed;
        int ades = feed == Feed.AdversarialAverage ? settings.Ades ?? profile.AaiAdes : 1;
        int iterations = settings.Iterations ?? profile.Iterations;
        int? only = settings.Class;
        bool estimated = settings.Gradient == AttackGradient.Estimated;
        int samplesPerStep = settings.Queries;

        var data = await Training.LoadDataAsync(workspace, ui, choice.Dataset, cancel).ConfigureAwait(false);
        using var trained = await Training.TrainOrLoadAsync(workspace, ui, choice, data, cancel).ConfigureAwait(false);
        int classes = choice.Network.ClassCount;
        if (only is { } oc && oc >= classes) throw new CliUsageException($"--class must be between 0 and {classes - 1}, got {oc}");

        var attackSettings = new Experiments.Attacks.AttackSettings { LearningRate = profile.AttackLearningRate, Stop = StopCondition.Iterations(iterations) };
        int seed = choice.Training.Seed;
        using var nes = estimated ? new NesInputGradient(trained.Model, samplesPerStep, NesInputGradient.DefaultSigma, seed) : null;
        var attack = new InputGradientAttack(trained.Model, classes, attackSettings, nes);
        var runner = new PerturbationRunner(attack, choice.Network.InputHeight, choice.Network.InputWidth, profile.NoiseSigma, profile.MaxAttackBatch);
        var targets = only is { } c ? [c] : Enumerable.Range(0, classes).ToArray();
        var feedName = feed switch { Feed.Zero => "zero feed", Feed.Noise => "noise feed", _ => $"AAI of {ades} ADEs" };
        var requests = targets.Select(t => new PerturbationRequest($"{feedName}, class {t}", feed, t, ades)).ToList();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = await ui.RunAsync(bars =>
        {
            var label = $"attack, {feedName}";
            var bar = bars.Add(label, iterations, "it");
            var progress = new Reporter<AttackProgress>(p =>
            {
                bar.SetMax(p.MaxSteps);
                bar.Set(p.Step, $"{label}: {p.Active}/{p.Total} running");
            });
            var r = runner.Run(requests, seed, workspace.Device, progress, cancel);
            bar.Complete($"{label}: done");
            return r;
        }).ConfigureAwait(false);
        double seconds = watch.Elapsed.TotalSeconds;

        var gradientName = nes is null ? "autograd gradient" : $"gradient estimated from softmax outputs ({samplesPerStep} queries per image and step, σ = {nes.Sigma.ToString("g3", CultureInfo.InvariantCulture)})";
        console.WriteLine($"{choice.Describe(data.Train.Name.Split('/')[0])} · {feedName} · {attackSettings} · {gradientName}");
        var table = new Table()
            .AddColumn("class").AddColumn(new TableColumn("iterations").RightAligned())
            .AddColumn(new TableColumn("confidence").RightAligned()).AddColumn(new TableColumn("predicted").RightAligned())
            .AddColumn("stopped by").AddColumn("blank");
        foreach (var r in results)
        {
            var ex = r.Examples;
            var iters = ex.Count == 1 ? ex[0].Iterations.ToString(CultureInfo.InvariantCulture)
                : $"{ex.Average(e => e.Iterations).ToString("0.#", CultureInfo.InvariantCulture)} (mean)";
            var conf = ex.Count == 1 ? F(r.MeanConfidence) : $"{F(r.MeanConfidence)} (min {F(r.MinConfidence)})";
            var predicted = ex.Count == 1 ? ex[0].PredictedLabel.ToString(CultureInfo.InvariantCulture)
                : $"{ex.Count(e => e.PredictedLabel == r.Request.Target)}/{ex.Count} target";
            var stopped = string.Join(", ", r.StoppedBy.OrderBy(kv => kv.Key).Select(kv => ex.Count == 1 ? $"{kv.Key}" : $"{kv.Key} ×{kv.Value}"));
            table.AddRow(r.Request.Target.ToString(CultureInfo.InvariantCulture), iters, conf, predicted, stopped, r.Failed ? "yes" : "");
        }
        console.Write(table);
        console.WriteLine($"{results.Sum(r => r.Examples.Count)} ADEs in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s; " +
                          "blank: the attack failed for the class (mean target confidence < 0.5, or it diverged).");
        long queries = attack.Gradient.Queries;
        console.WriteLine($"{queries} queries (images passed through the network), {(queries / (double)results.Count).ToString("0", CultureInfo.InvariantCulture)} per AP.");

        // AP–PNC comparison: a blank AP gives a row of NaN and is counted as failed.
        var pncs = Pnc.Compute(data.Train);
        var rows = results.Select(r => r.Failed ? null : r.Image).ToList();
        var matrix = Correlation.Matrix(rows, pncs);
        console.WriteLine("r(AP of class i, PNC of class j), PNCs of the training set:");
        var grid = new Table().AddColumn("AP \\ PNC");
        for (int j = 0; j < pncs.Length; j++) grid.AddColumn(new TableColumn(j.ToString(CultureInfo.InvariantCulture)).RightAligned());
        for (int i = 0; i < matrix.Length; i++)
            grid.AddRow(new[] { results[i].Request.Target.ToString(CultureInfo.InvariantCulture) }
                .Concat(matrix[i].Select(v => double.IsNaN(v) ? "—" : v.ToString("0.00", CultureInfo.InvariantCulture))).ToArray());
        console.Write(grid);
        if (results.Count == classes)
        {
            console.WriteLine("AP–PNC summary: " + MatrixSummary.Of(matrix));
        }
        else
        {
            var row = matrix[0];
            int target = results[0].Request.Target;
            var best = Enumerable.Range(0, row.Length).Where(j => !double.IsNaN(row[j])).OrderByDescending(j => row[j]).FirstOrDefault(-1);
            console.WriteLine(best < 0
                ? $"AP–PNC: the AP of class {target} is blank."
                : $"AP–PNC: r(AP {target}, PNC {target}) = {F(row[target])}; the largest r is with PNC {best}{(best == target ? " (its own class)" : "")}.");
        }
        return ExitCodes.Ok;
    }

    static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
