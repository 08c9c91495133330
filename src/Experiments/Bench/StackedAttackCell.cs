namespace Repro.Experiments.Bench;

/// <summary>
/// (i) Attacks batched across networks: <see cref="Networks"/> seeded networks attacked one after another, <see cref="Batch"/>
/// images each, against one attack of all of them stacked (<see cref="StackedNetworks"/>), the same iterations.
/// <see cref="LargestRelativeDifference"/>: the largest difference between the two runs' final images, over the largest
/// magnitude among the separate runs' (the last bits of a reordered sum, carried through the iterations).
/// </summary>
public sealed record StackedAttackCell(string Network, int Networks, int Batch, int Threads, int Iterations,
    double SeparateSeconds, double StackedSeconds, double LargestRelativeDifference)
{
    public double SpeedUp => SeparateSeconds / StackedSeconds;
}
