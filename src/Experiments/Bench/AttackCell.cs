namespace Repro.Experiments.Bench;

/// <summary>One timed attack: <see cref="Iterations"/> steps on a batch of zero inputs.</summary>
public sealed record AttackCell(string Network, int Batch, int Iterations, int Threads, double Seconds, long SampleIterations)
{
    public double SampleIterationsPerSecond => SampleIterations / Seconds;
    /// <summary>Wall time of one step of the whole batch.</summary>
    public double MicrosecondsPerStep => Seconds / Iterations * 1e6;
}
