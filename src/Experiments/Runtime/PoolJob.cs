namespace Repro.Experiments.Runtime;

/// <summary>One job for the <see cref="WorkerPool"/>.</summary>
/// <param name="Name">What it computes, in the stage table's job list (null: an unnamed step of a loop).</param>
/// <param name="ExpectedSeconds">Its expected cost: the longest ready job starts first (a rank will do where seconds are unknown).</param>
/// <param name="Work">The work; it should throw only to fail the jobs it was submitted with.</param>
public sealed record PoolJob(string? Name, double ExpectedSeconds, Action Work);
