using Repro.Results;

namespace Repro.Unit.Tests.Results;

/// <summary>The run replayed on other worker counts, against schedules worked out by hand.</summary>
public sealed class JobGraphModelTests
{
    static StageTable Table(double wall, IReadOnlyList<JobGroupRecord> groups, IReadOnlyList<JobRecord> jobs) => new()
    {
        Command = "reproduce", Profile = "quick", Date = DateTimeOffset.UnixEpoch, Cpu = "test", Cores = 2, Jobs = 2, Threads = 1,
        MatmulRates = [], WallSeconds = wall, ProcessCpuSeconds = 0, Stages = [], PoolGroups = groups, PoolJobs = jobs,
    };

    static JobRecord Job(int id, int group, double expected, double self) => new(id, group, $"job {id}", expected, 0, self, self);

    [Theory]
    [InlineData(1, 5 + 40)]
    [InlineData(2, 5 + 20)]
    [InlineData(4, 5 + 10)]
    [InlineData(8, 5 + 10)]
    public void Given_four_ten_second_jobs_and_five_seconds_outside_the_pool_When_replayed_Then_the_time_is_the_closed_form(int workers, double expected)
    {
        // Measured: the group spanned 20 s of a 25 s run on two workers, so 5 s were outside the pool.
        var table = Table(25, [new JobGroupRecord(1, null, 4, 2, 22)], [.. Enumerable.Range(1, 4).Select(i => Job(i, 1, 10, 10))]);
        double modelled = JobGraphModel.Seconds(table, workers);
        Assert.True(Math.Abs(modelled - expected) < 1e-9, $"{workers} workers: modelled {modelled} s, closed form {expected} s");
    }

    [Fact]
    public void Given_a_unit_that_waits_for_its_loop_When_replayed_on_two_workers_Then_its_slot_serves_the_loop_while_it_waits()
    {
        // Unit A (2 s own work) runs a loop of three 4 s steps; unit B (6 s) runs beside it. Two workers: A 0–2, B 0–6;
        // A's steps: two start at 2 (A gave its slot back; B still holds the other) … step 1 2–6, step 2 on B's freed slot 6–10,
        // step 3 6–10 on the first: A resumes at 10. Longest path: 10 s.
        var groups = new[] { new JobGroupRecord(1, null, 2, 0, 10), new JobGroupRecord(2, 1, 3, 2, 10) };
        var jobs = new[] { Job(1, 1, 10, 2), Job(2, 1, 6, 6), Job(3, 2, 3, 4), Job(4, 2, 2, 4), Job(5, 2, 1, 4) };
        Assert.Equal(10, JobGraphModel.Seconds(Table(10, groups, jobs), 2), 9);
        Assert.Equal(2 + 4, JobGraphModel.Seconds(Table(10, groups, jobs), 4), 9);
        Assert.Equal(2 + 6 + 4 * 3, JobGraphModel.Seconds(Table(10, groups, jobs), 1), 9);
    }

    [Fact]
    public void Given_a_table_written_before_the_pool_When_replayed_Then_there_is_no_model()
    {
        Assert.True(double.IsNaN(JobGraphModel.Seconds(Table(10, [], []), 8)));
    }
}
