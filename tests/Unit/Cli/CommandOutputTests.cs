using System.Globalization;
using System.Text.RegularExpressions;
using Repro.Cli;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;
using Repro.Experiments.Data;
using Spectre.Console.Testing;

namespace Repro.Unit.Tests.Cli;

/// <summary>
/// What <c>train</c>, <c>attack</c> and <c>pnc</c> print, read from Spectre.Console's <see cref="TestConsole"/>: the real
/// commands on the real MNIST (from the repository's verified store), with models in a temporary artifacts folder.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CommandOutputTests : IDisposable
{
    readonly TempFolder _out = new("repro-cli-output-");
    public void Dispose() => _out.Dispose();

    async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        await new DatasetStore(new DatasetStoreOptions { CacheDirectory = RepoPaths.DataCache }).FetchAsync(DatasetId.Mnist);
        var console = new TestConsole().Width(200);
        var error = new StringWriter();
        int code = await CliApp.RunAsync([.. args, "--out", _out.Path, "--data-dir", RepoPaths.DataCache, "--quiet"],
            new CliIo(console, error, OutputRedirected: true));
        return (code, console.Output, error.ToString());
    }

    static string Row(string output, string label) =>
        output.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no '{label}' line in:\n{output}");

    [Fact]
    public async Task Given_the_FC_on_MNIST_When_train_runs_twice_Then_it_prints_the_network_its_validation_and_test_accuracy_and_the_cache_hit()
    {
        var first = await Run("train", "--dataset", "mnist", "--arch", "fc", "--optimizer", "sgd", "--target", "0.92");
        var second = await Run("train", "--dataset", "mnist", "--arch", "fc", "--optimizer", "sgd", "--target", "0.92");

        Assert.Equal((ExitCodes.Ok, ""), (first.Code, first.Error));
        Assert.Contains("MNIST · FC · SGD · target 0.92 · seed 0 · profile quick", Row(first.Output, "network"));
        var validation = Regex.Match(Row(first.Output, "validation"), @"accuracy (0\.\d+), loss \d+\.\d+ on 10,000 images at the stop \(50,000 trained on\)");
        Assert.True(validation.Success, Row(first.Output, "validation"));
        Assert.InRange(double.Parse(validation.Groups[1].Value, CultureInfo.InvariantCulture), 0.92, 1.0);   // training stops on the held-out split…
        double accuracy = double.Parse(Row(first.Output, "test accuracy").Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.9, 1.0);   // …so the untouched test set may land a little either side of the target
        Assert.StartsWith("from cache     no", Row(first.Output, "from cache").Trim());
        Assert.StartsWith("from cache     yes", Row(second.Output, "from cache").Trim());
        Assert.Equal(Row(first.Output, "test accuracy"), Row(second.Output, "test accuracy"));
        Assert.Equal(Row(first.Output, "validation"), Row(second.Output, "validation"));
    }

    [Fact]
    public async Task Given_the_FC_on_MNIST_When_attack_runs_zero_feed_Then_it_prints_ten_classes_and_an_AP_PNC_summary_with_top1_of_at_least_9()
    {
        var run = await Run("attack", "--dataset", "mnist", "--feed", "zero", "--iterations", "200");

        Assert.Equal(ExitCodes.Ok, run.Code);
        for (int c = 0; c < 10; c++)
            Assert.Matches(new Regex($"│ {c} +│ +200 │ +0\\.\\d+ │ +{c} │ MaxIterations"), run.Output);
        var summary = Row(run.Output, "AP–PNC summary:");
        int top1 = int.Parse(Regex.Match(summary, @"top-1 (\d+)/10").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(top1 >= 9, $"top-1 {top1}/10: {summary}");
    }

    [Fact]
    public async Task Given_MNIST_When_pnc_runs_Then_it_prints_each_class_range_around_zero_for_the_60000_training_images()
    {
        var run = await Run("pnc", "--dataset", "mnist");

        Assert.Equal(ExitCodes.Ok, run.Code);
        Assert.Contains("PNCs (positive-negative contrast) of MNIST/train, 60,000 images:", run.Output);
        for (int c = 0; c < 10; c++)
        {
            var cells = Regex.Match(run.Output, $@"│ {c} +│ +(-?\d\.\d+) │ +(-?\d\.\d+) │ +(-?\d\.\d+) │");
            Assert.True(cells.Success, $"no row for class {c}");
            double min = double.Parse(cells.Groups[1].Value, CultureInfo.InvariantCulture), max = double.Parse(cells.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(min < 0 && max > 0, $"class {c}: the PNC (positive minus negative mean) should span zero, got [{min}, {max}]");
        }
    }
}
