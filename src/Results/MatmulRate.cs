namespace Repro.Results;

/// <summary>The machine's float32 matmul rate (n×n times n×n, 2·n³ FLOPs each) through libtorch at a thread count.</summary>
public sealed record MatmulRate(int Threads, int Size, double FlopsPerSecond);
