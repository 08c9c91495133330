using Repro.Experiments.Claims;
using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Claims;

/// <summary>Jobs go to the first free worker in list order, so the longest-first lists of the claims keep their order.</summary>
public sealed class ClaimKitSchedulingTests : IDisposable
{
    readonly TempFolder _folder = new("repro-scheduling-");
    string OutDir => _folder.Path;
    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Given_two_workers_and_four_long_jobs_before_eight_short_ones_When_run_in_parallel_Then_the_long_jobs_start_first_and_results_keep_list_order()
    {
        var ctx = new ClaimContext(Profiles.Quick with { Parallelism = 2 },
            new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(OutDir, "data"), ReadEnvironment = false }), OutDir);
        int[] sleepMs = [120, 120, 120, 120, 15, 15, 15, 15, 15, 15, 15, 15];
        var started = new List<int>();

        var results = ClaimKit.InParallel(ctx, Enumerable.Range(0, sleepMs.Length).ToArray(), i =>
        {
            lock (started) started.Add(i);
            Thread.Sleep(sleepMs[i]);
            return i * 10;
        });

        // Parallel.For would start the second worker at job 6, a short one, and leave two long jobs for the end.
        // (Jobs taken at the same moment may log their start in either order, hence a set.)
        Assert.Equal([0, 1, 2, 3], started.Take(4).Order());
        Assert.Equal(sleepMs.Length, started.Count);
        Assert.Equal(Enumerable.Range(0, sleepMs.Length).Select(i => i * 10), results);
    }
}
