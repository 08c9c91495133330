using Repro.Experiments.Runtime;

namespace Repro.Unit.Tests.Bench;

/// <summary>Jobs fill the cores by default, one thread each; a given value is kept and the other derived from it.</summary>
public sealed class ParallelismPlanTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(16, ParallelismPlan.MaxDefaultJobs, 2)]
    public void Given_only_the_cores_When_resolving_Then_jobs_fill_them_up_to_the_bound_and_threads_share_the_rest(int cores, int jobs, int threads)
    {
        Assert.Equal(new ParallelismPlan(jobs, threads), ParallelismPlan.Resolve(null, null, cores));
    }

    [Fact]
    public void Given_one_value_When_resolving_Then_it_is_kept_and_the_other_keeps_jobs_times_threads_within_the_cores()
    {
        Assert.Equal(new ParallelismPlan(1, 8), ParallelismPlan.Resolve(1, null, 8));
        Assert.Equal(new ParallelismPlan(2, 4), ParallelismPlan.Resolve(null, 4, 8));
        Assert.Equal(new ParallelismPlan(3, 3), ParallelismPlan.Resolve(3, 3, 2));
        Assert.True(ParallelismPlan.Resolve(3, 3, 2).Oversubscribes(2));
        Assert.False(ParallelismPlan.Resolve(null, null, 2).Oversubscribes(2));
    }
}
