namespace Repro.Experiments.Bench;

/// <summary>
/// One CNN measurement of (g): <see cref="Images"/> images through <see cref="What"/> ("evaluate" or "train") in
/// <see cref="Layout"/> (NCHW, or channels-last convolution weights), <see cref="Chunk"/> images per pass, at <see cref="Threads"/>.
/// </summary>
public sealed record LayoutCell(string What, string Layout, int Chunk, int Threads, long Images, double Seconds)
{
    public double ImagesPerSecond => Images / Seconds;
}
