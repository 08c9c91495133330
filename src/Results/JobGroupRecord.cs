namespace Repro.Results;

/// <summary>One group of jobs submitted together to a run's worker pool, and waited for together.</summary>
/// <param name="Id">The group's number in the run.</param>
/// <param name="ParentJob">The job that submitted it (null: the run itself, outside any job).</param>
/// <param name="Count">How many jobs it held.</param>
/// <param name="StartSeconds">When it was submitted, in seconds since the run's stage log began (the pool's own start without one).</param>
/// <param name="EndSeconds">When its last job finished.</param>
public sealed record JobGroupRecord(int Id, int? ParentJob, int Count, double StartSeconds, double EndSeconds);
