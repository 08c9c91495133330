namespace Repro.Experiments.Bench;

/// <summary>Training throughput: <see cref="Steps"/> optimizer steps of <see cref="Batch"/> random samples.</summary>
public sealed record TrainingCell(string Network, int Batch, int Steps, double Seconds)
{
    public double SamplesPerSecond => (double)Steps * Batch / Seconds;
}
