namespace Repro.Results;

/// <summary>
/// One job of a run's worker pool: a unit of the run (a network's training and attacks, a claim's seed, a sensitivity cell) or
/// a step of a loop inside one. The model of the run on other core counts (<see cref="JobGraphModel"/>) replays them.
/// </summary>
/// <param name="Id">The job's number in the run.</param>
/// <param name="Group">The group of jobs it was submitted with (<see cref="JobGroupRecord"/>).</param>
/// <param name="Name">What it computed (null: an unnamed step of a loop).</param>
/// <param name="ExpectedSeconds">The cost it was ordered by.</param>
/// <param name="StartSeconds">When it started, in seconds since the run's stage log began (the pool's own start without one).</param>
/// <param name="WallSeconds">Elapsed time, the jobs it waited for included.</param>
/// <param name="SelfThreadSeconds">CPU time of its own work: its thread's time less that of the jobs it ran itself.</param>
public sealed record JobRecord(int Id, int Group, string? Name, double ExpectedSeconds, double StartSeconds, double WallSeconds, double SelfThreadSeconds);
