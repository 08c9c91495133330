namespace Repro.Results;

/// <summary>
/// One timed stage of a run: a training (its optimizer steps), its evaluation (the stopping checks and the final test
/// evaluation), an attack batch, an analysis step, or a whole claim.
/// </summary>
/// <param name="Name">What ran, e.g. "train mnist-CNN-Adam-s2" or "attack mnist-FC-Sgd-s0 (20 ADEs × ≤ 1000 it)".</param>
/// <param name="Claim">The claim that ran it, when a claims run recorded it.</param>
/// <param name="Threads">libtorch intra-op threads the stage ran with.</param>
/// <param name="WallSeconds">Elapsed time.</param>
/// <param name="ThreadSeconds">CPU time of the .NET thread that ran the stage (libtorch's own pool threads, busy when
/// <paramref name="Threads"/> &gt; 1, are not in it: then it is a lower bound); NaN where the OS gives no thread clock.</param>
/// <param name="Flops">Floating-point operations counted from the layer shapes (see FlopCount); 0 when not counted.</param>
/// <param name="Detail">How the FLOPs were counted, or what the stage covers.</param>
public sealed record StageRecord(string Name, StageKind Kind, string? Claim, int Threads, double WallSeconds, double ThreadSeconds, double Flops, string? Detail = null)
{
    /// <summary>FLOPs per wall second; NaN when nothing was counted.</summary>
    public double FlopsPerSecond => Flops > 0 && WallSeconds > 0 ? Flops / WallSeconds : double.NaN;
}
