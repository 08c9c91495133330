namespace Repro.Experiments.Analysis;

/// <summary>
/// How much of an image's energy sits on one stride-2 lattice. Split the pixels into the four phases (row parity,
/// column parity); the share is the largest phase's Σx² over the total. A smooth image gives about 0.25; an image that
/// is non-zero only on every other row and column gives 1. It measures the max-pool tie artifact of an exact-zero feed:
/// at a constant input every 2×2 pooling window ties, and the whole gradient goes to one index of each window.
/// </summary>
public static class LatticeShare
{
    /// <summary>The dominant phase's share of Σx² (NaN for an all-zero image).</summary>
    public static double Of(ReadOnlySpan<float> image, int height, int width)
    {
        if (image.Length != height * width) throw new ArgumentException($"The image has {image.Length} pixels, not {height}×{width}.");
        Span<double> phase = stackalloc double[4];
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
            {
                double v = image[i * width + j];
                phase[(i % 2) * 2 + j % 2] += v * v;
            }
        double total = phase[0] + phase[1] + phase[2] + phase[3];
        return total > 0 ? Math.Max(Math.Max(phase[0], phase[1]), Math.Max(phase[2], phase[3])) / total : double.NaN;
    }
}
