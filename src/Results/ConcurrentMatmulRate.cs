namespace Repro.Results;

/// <summary>
/// The machine's float32 matmul rate with every core busy at once: <paramref name="Workers"/> one-thread n×n matmuls
/// started together, one per core, their rates summed. On shared or SMT cores this is below workers × the one-thread
/// rate, which is why the floor is taken from it.
/// </summary>
/// <param name="PerWorker">Each worker's own rate, FLOP/s, in worker order.</param>
public sealed record ConcurrentMatmulRate(int Workers, int Size, double FlopsPerSecond, IReadOnlyList<double> PerWorker)
{
    /// <summary>Value equality on the rates too (a record compares lists by reference).</summary>
    public bool Equals(ConcurrentMatmulRate? other) =>
        other is not null && Workers == other.Workers && Size == other.Size && FlopsPerSecond.Equals(other.FlopsPerSecond) && PerWorker.SequenceEqual(other.PerWorker);

    public override int GetHashCode() => HashCode.Combine(Workers, Size, FlopsPerSecond);
}
