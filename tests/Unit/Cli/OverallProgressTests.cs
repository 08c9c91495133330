using Repro.Cli.Ui;
using Repro.Results;

namespace Repro.Unit.Tests.Cli;

/// <summary>The whole run's share and time left: expected costs, corrected by how the finished units went.</summary>
public sealed class OverallProgressTests
{
    /// <summary>A clock that moves only when told.</summary>
    sealed class ManualClock : TimeProvider
    {
        long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    static readonly Dictionary<string, double> Costs = new() { ["claim C1"] = 100, ["claim C2"] = 300, ["sensitivity a · C1"] = 600 };

    [Fact]
    public void Given_nothing_run_yet_When_read_Then_the_time_left_is_the_expected_total_and_nothing_is_done()
    {
        var overall = new OverallProgress(Costs, new ManualClock());

        Assert.Equal(0, overall.Fraction);
        Assert.Equal(TimeSpan.FromSeconds(1000), overall.Remaining);
        Assert.Equal("all 0% · about 17 min left", overall.Describe());
    }

    [Fact]
    public void Given_a_first_unit_that_took_twice_its_expectation_When_read_Then_the_rest_is_expected_at_half_speed()
    {
        var clock = new ManualClock();
        var overall = new OverallProgress(Costs, clock);

        overall.Start("claim C1");
        clock.Advance(200);
        overall.Finish("claim C1");

        Assert.Equal(2, overall.Speed);
        Assert.Equal(0.1, overall.Fraction, 12);
        Assert.Equal(TimeSpan.FromSeconds(2 * 900), overall.Remaining);
    }

    [Fact]
    public void Given_a_running_unit_When_time_passes_Then_its_time_left_shrinks_and_its_share_stops_short_of_done()
    {
        var clock = new ManualClock();
        var overall = new OverallProgress(Costs, clock);

        overall.Start("claim C2");
        clock.Advance(150);
        var half = (overall.Fraction, overall.Remaining);
        clock.Advance(1000);

        Assert.Equal((0.15, TimeSpan.FromSeconds(850)), (Math.Round(half.Fraction, 12), half.Remaining));
        Assert.Equal(0.3 * 0.99, overall.Fraction, 12);
        Assert.Equal(TimeSpan.FromSeconds(700), overall.Remaining);
    }

    [Fact]
    public void Given_two_units_that_shared_the_workers_When_both_took_twice_their_expectation_together_Then_the_rest_is_expected_at_the_pace_they_kept()
    {
        var clock = new ManualClock();
        var overall = new OverallProgress(new Dictionary<string, double> { ["a"] = 100, ["b"] = 100, ["c"] = 100 }, clock);

        overall.Start("a");
        overall.Start("b");
        clock.Advance(200);
        overall.Finish("a");
        overall.Finish("b");

        // Each took 200 s for 100 expected (speed 2), but two ran at once: the third is 100 × 2 ÷ 2.
        Assert.Equal(2, overall.Speed);
        Assert.Equal(TimeSpan.FromSeconds(100), overall.Remaining);
    }

    [Fact]
    public void Given_units_answered_by_an_earlier_run_When_finished_as_reused_Then_they_leave_the_totals_and_the_speed()
    {
        var clock = new ManualClock();
        var overall = new OverallProgress(Costs, clock);

        overall.Finish("claim C2", reused: true);
        overall.Finish("sensitivity a · C1", reused: true);

        Assert.Equal(1, overall.Speed);
        Assert.Equal(0, overall.Fraction);
        Assert.Equal(TimeSpan.FromSeconds(100), overall.Remaining);
        Assert.Equal("all 0% · about 2 min left", overall.Describe());
        overall.Finish("claim C1");
        Assert.Equal((1.0, "all 100% · finishing"), (overall.Fraction, overall.Describe()));
    }

    [Fact]
    public void Given_a_unit_without_an_expected_cost_When_costs_are_looked_up_Then_it_gets_the_median_and_a_last_table_of_the_profile_wins()
    {
        var last = new StageTable
        {
            Command = "reproduce", Profile = "quick", Date = DateTimeOffset.UnixEpoch, Cpu = "test", Cores = 2, Jobs = 2, Threads = 1, MatmulRates = [],
            WallSeconds = 1, ProcessCpuSeconds = 1,
            Stages = [new StageRecord("claim C1", StageKind.Claim, "C1", 1, 42, 42, 0), new StageRecord("claim C2", StageKind.Claim, "C2", 1, 10, 10, 0),
                new StageRecord("train x", StageKind.Training, "C1", 1, 5, 5, 1)],
        };

        var costs = ExpectedCosts.For(["claim C1", "claim C2", "claim C4", "claim X"], "paper", last);
        var quick = ExpectedCosts.For(["claim C1", "claim C2", "claim X"], "quick", last);

        Assert.Equal(4, costs.Count);
        Assert.True(costs.Values.Distinct().Count() == 1, "another profile's table and the quick reference are not used for the paper profile");
        Assert.Equal((42.0, 10.0), (quick["claim C1"], quick["claim C2"]));
        Assert.True(quick["claim X"] > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OverallProgress(new Dictionary<string, double> { ["claim C1"] = 0 }));
    }

    [Fact]
    public async Task Given_output_without_bars_When_units_finish_Then_each_writes_one_log_line_with_its_time_and_the_time_left()
    {
        var clock = new ManualClock();
        var overall = new OverallProgress(Costs, clock);
        var log = new StringWriter();
        var ui = new ProgressUi(new Spectre.Console.Testing.TestConsole(), enabled: false, log: log);

        await ui.RunAsync(bars =>
        {
            using var bar = new OverallBar(bars, overall);
            overall.Start("claim C1");
            clock.Advance(90);
            overall.Finish("claim C1");
            overall.Finish("claim C2", reused: true);
            return 0;
        });

        Assert.Equal(
        [
            "[00:01:30] claim C1: done in 90.0 s · all 10% · about 14 min left",
            "[00:01:30] claim C2: finished earlier, reused · all 14% · about 9 min left",
        ], log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Given_bars_off_and_no_log_When_units_finish_Then_nothing_is_written()
    {
        var overall = new OverallProgress(Costs, new ManualClock());
        var console = new Spectre.Console.Testing.TestConsole();
        await new ProgressUi(console, enabled: false).RunAsync(bars =>
        {
            using var bar = new OverallBar(bars, overall);
            overall.Finish("claim C1");
            return 0;
        });
        Assert.Equal("", console.Output);
    }
}
