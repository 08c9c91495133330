using Repro.Experiments.Runtime;

namespace Repro.Unit.Tests.Runtime;

/// <summary>The run's workers: one queue for every job of the run, longest first, nested loops that cannot deadlock.</summary>
public sealed class WorkerPoolTests
{
    static PoolJob Job(string name, double cost, Action work) => new(name, cost, work);

    /// <summary>Counts how many of its steps are working at once, and the most there ever were.</summary>
    sealed class AtOnce(int sleepMs)
    {
        int _now, _most;
        public int Most => Volatile.Read(ref _most);

        public void Step()
        {
            int n = Interlocked.Increment(ref _now);
            lock (this) _most = Math.Max(_most, n);
            Thread.Sleep(sleepMs);
            Interlocked.Decrement(ref _now);
        }
    }

    [Fact]
    public void Given_one_slot_When_jobs_are_submitted_from_outside_Then_they_run_longest_first()
    {
        var pool = new WorkerPool(1);
        var order = new List<string>();
        pool.Run([Job("a", 1, () => order.Add("a")), Job("b", 5, () => order.Add("b")), Job("c", 3, () => order.Add("c"))]);
        Assert.Equal(["b", "c", "a"], order);
    }

    [Fact]
    public async Task Given_one_slot_When_jobs_nest_three_deep_Then_every_job_runs_and_nothing_deadlocks()
    {
        var pool = new WorkerPool(1);
        int leaves = 0;
        var run = Task.Run(() => pool.Run([.. Enumerable.Range(0, 3).Select(i => Job($"outer {i}", 3 - i, () =>
            pool.Run([.. Enumerable.Range(0, 3).Select(j => Job(null!, 3 - j, () =>
                pool.Run([.. Enumerable.Range(0, 3).Select(k => Job(null!, 1, () => Interlocked.Increment(ref leaves)))])))])))]));
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(first == run, "the nested run did not finish in 30 s: a waiting job held the only slot");
        await run;
        Assert.Equal(27, leaves);
    }

    [Fact]
    public void Given_two_slots_When_units_run_loops_of_their_own_Then_no_more_than_two_jobs_work_at_once()
    {
        var pool = new WorkerPool(2);
        var work = new AtOnce(5);
        pool.Run([.. Enumerable.Range(0, 6).Select(i => Job($"unit {i}", 6 - i, () =>
        {
            work.Step();
            pool.Run([.. Enumerable.Range(0, 4).Select(j => Job(null!, 4 - j, work.Step))]);
            work.Step();
        }))]);
        Assert.True(work.Most <= 2, $"{work.Most} jobs worked at once on two slots");
        Assert.Equal(2, work.Most);
    }

    [Fact]
    public void Given_an_idle_slot_When_a_running_job_starts_a_loop_Then_the_idle_slot_takes_part_of_it()
    {
        var pool = new WorkerPool(2);
        var steps = new AtOnce(50);
        // One unit alone on two slots: its two steps run side by side, not one after the other on its own slot.
        pool.Run([Job("unit", 1, () => pool.Run([Job("step 1", 2, steps.Step), Job("step 2", 1, steps.Step)]))]);
        Assert.Equal(2, steps.Most);
    }

    [Fact]
    public async Task Given_a_job_waiting_for_its_loop_and_a_new_job_queued_When_the_loop_ends_Then_the_waiting_job_gets_the_slot_first()
    {
        var pool = new WorkerPool(2);
        var order = new List<string>();
        using var stepGo = new ManualResetEventSlim();
        using var blockerStarted = new ManualResetEventSlim();
        using var blockerGo = new ManualResetEventSlim();
        void Note(string what)
        {
            lock (order) order.Add(what);
        }
        // The unit's first step runs on the other slot and holds it; the unit runs the second itself, then waits, its slot given back.
        var unit = Task.Run(() => pool.Run([Job("unit", 1, () =>
        {
            pool.Run([Job("step 1", 2, () => stepGo.Wait()), Job("step 2", 1, () => { })]);
            Note("unit resumed");
        })]));
        var cancel = TestContext.Current.CancellationToken;
        await Task.Delay(100, cancel);
        // A blocker takes the slot the unit gave back; a new job then finds no slot and waits in the queue.
        var blocker = Task.Run(() => pool.Run([Job("blocker", 1, () => { blockerStarted.Set(); blockerGo.Wait(); })]));
        Assert.True(blockerStarted.Wait(TimeSpan.FromSeconds(10)), "the blocker did not start on the slot the waiting unit gave back");
        var queued = Task.Run(() => pool.Run([Job("new", 100, () => Note("new job started"))]));
        await Task.Delay(100, cancel);

        stepGo.Set();
        await unit.WaitAsync(TimeSpan.FromSeconds(10), cancel);
        blockerGo.Set();
        await Task.WhenAll(queued, blocker).WaitAsync(TimeSpan.FromSeconds(10), cancel);
        Assert.Equal(["unit resumed", "new job started"], order);
    }

    [Fact]
    public void Given_a_job_that_throws_When_run_Then_the_error_comes_back_and_the_jobs_not_yet_started_are_skipped()
    {
        var pool = new WorkerPool(1);
        var ran = new List<string>();
        var e = Assert.Throws<AggregateException>(() => pool.Run([
            Job("first", 3, () => throw new InvalidOperationException("broken")),
            Job("second", 1, () => ran.Add("second"))]));
        Assert.Equal("broken", Assert.Single(e.InnerExceptions).Message);
        Assert.Empty(ran);
    }

    [Fact]
    public void Given_a_cancelled_run_When_jobs_are_submitted_Then_none_runs_and_the_cancellation_is_thrown()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        int ran = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => new WorkerPool(2).Run([Job("a", 1, () => ran++)], cts.Token));
        Assert.Equal(0, ran);
    }

    [Fact]
    public void Given_a_value_of_the_submitting_flow_When_a_job_runs_on_another_thread_Then_it_sees_the_value()
    {
        var local = new AsyncLocal<string?> { Value = "claim C6" };
        string? seen = null;
        new WorkerPool(1).Run([Job("a", 1, () => seen = local.Value)]);
        Assert.Equal("claim C6", seen);
    }

    [Fact]
    public void Given_a_stage_log_When_a_job_runs_a_loop_itself_Then_each_job_and_group_is_recorded_with_its_parent()
    {
        var log = new StageLog();
        var pool = new WorkerPool(1, log);
        pool.Run([Job("unit", 1, () => pool.Run([Job("step 1", 2, () => { }), Job("step 2", 1, () => { })]))]);
        var table = log.ToTable("test", "quick", 1, 1, [], []);
        var unit = Assert.Single(table.PoolJobs, j => j.Name == "unit");
        var inner = Assert.Single(table.PoolGroups, g => g.ParentJob == unit.Id);
        Assert.Equal(2, inner.Count);
        Assert.Equal(["step 1", "step 2"], table.PoolJobs.Where(j => j.Group == inner.Id).OrderBy(j => j.StartSeconds).Select(j => j.Name));
        Assert.Null(Assert.Single(table.PoolGroups, g => g.Id == unit.Group).ParentJob);
    }
}
