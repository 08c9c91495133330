using Repro.Cli.Ui;
using Repro.Results;
using Repro.Unit.Tests.Bench;
using Spectre.Console.Testing;

namespace Repro.Unit.Tests.Cli;

/// <summary>What the stage table prints, read from Spectre.Console's <see cref="TestConsole"/>.</summary>
public sealed class StageTableViewTests
{
    [Fact]
    public void Given_a_stage_table_When_printed_Then_the_longest_stages_come_first_with_their_share_of_matmul_and_the_summary_follows()
    {
        var console = new TestConsole().Width(220);

        StageTableView.Write(console, StageTableTests.Sample(), top: 3);

        var lines = console.Output.Split('\n');
        int claim = Array.FindIndex(lines, l => l.Contains("claim C3", StringComparison.Ordinal));
        int train = Array.FindIndex(lines, l => l.Contains("train MNIST-CNN-Adam-s2", StringComparison.Ordinal));
        int attack = Array.FindIndex(lines, l => l.Contains("attack MNIST FC-SGD", StringComparison.Ordinal));
        Assert.True(claim >= 0 && claim < train && train < attack, console.Output);
        Assert.Contains("50.0%", lines[train]);
        Assert.DoesNotContain(lines, l => l.Contains("evaluate MNIST", StringComparison.Ordinal));   // fourth longest, not shown
        Assert.Contains("the 3 longest of 5 stages; all in stages.csv", console.Output);
        Assert.Contains("= 5.0 × the floor", console.Output);
        Assert.Contains("Core use: 75%", console.Output);
    }

    [Fact]
    public void Given_a_concurrent_rate_When_printed_Then_both_the_one_thread_and_the_every_core_busy_rates_are_shown()
    {
        var console = new TestConsole().Width(400);

        StageTableView.Write(console, StageTableTests.Contended(), top: 3);

        Assert.Contains("every core busy: 2 one-thread matmuls at once gave 4.0 + 4.0 = 8.0 GFLOP/s, against 10.0 for one alone", console.Output);
        Assert.Contains("= 2.0 × the floor", console.Output);
    }
}
