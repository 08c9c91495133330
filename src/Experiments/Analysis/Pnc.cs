using Repro.Experiments.Data;

namespace Repro.Experiments.Analysis;

/// <summary>
/// PNC (positive-negative contrast, §2.5): for each class, the mean image of the class (positive
/// set) and the mean image of all other classes (negative set), each min–max normalised to [0, 1];
/// PNC = positive − negative.
/// </summary>
public static class Pnc
{
    public static float[][] Compute(Dataset data) => Compute(data.Images, data.Labels, data.PixelCount, data.ClassCount);

    /// <summary>Null control: PNCs of the same images with labels shuffled by a seeded permutation.</summary>
    public static float[][] ComputeShuffled(Dataset data, int seed)
    {
        var labels = (int[])data.Labels.Clone();
        new Random(seed).Shuffle(labels);
        return Compute(data.Images, labels, data.PixelCount, data.ClassCount);
    }

    public static float[][] Compute(float[] images, int[] labels, int pixels, int classCount)
    {
        var (positive, negative) = Sets(images, labels, pixels, classCount);
        var result = new float[classCount][];
        for (int c = 0; c < classCount; c++)
        {
            result[c] = new float[pixels];
            for (int p = 0; p < pixels; p++) result[c][p] = (float)(positive[c][p] - negative[c][p]);
        }
        return result;
    }

    /// <summary>The PNC's two terms per class: norm(μ_c), the positive set's mean, and norm(μ_¬c), the negative set's, each min–max normalised.</summary>
    public static (double[][] Positive, double[][] Negative) Sets(Dataset data) => Sets(data.Images, data.Labels, data.PixelCount, data.ClassCount);

    public static (double[][] Positive, double[][] Negative) Sets(float[] images, int[] labels, int pixels, int classCount)
    {
        if (classCount < 2) throw new ArgumentException($"A PNC needs at least two classes (a positive and a negative set); got {classCount}.");
        var sums = new double[classCount][];
        var counts = new long[classCount];
        for (int c = 0; c < classCount; c++) sums[c] = new double[pixels];
        var total = new double[pixels];
        for (int i = 0; i < labels.Length; i++)
        {
            var s = sums[labels[i]];
            counts[labels[i]]++;
            var img = images.AsSpan(i * pixels, pixels);
            for (int p = 0; p < pixels; p++) s[p] += img[p];
        }
        for (int c = 0; c < classCount; c++)
            for (int p = 0; p < pixels; p++) total[p] += sums[c][p];

        var positive = new double[classCount][];
        var negative = new double[classCount][];
        for (int c = 0; c < classCount; c++)
        {
            long neg = labels.Length - counts[c];
            if (counts[c] == 0 || neg == 0) throw new ArgumentException($"Class {c} has {(counts[c] == 0 ? "no samples" : "no other classes' samples")}; a PNC needs both sets.");
            var pos = new double[pixels];
            var ngt = new double[pixels];
            for (int p = 0; p < pixels; p++)
            {
                pos[p] = sums[c][p] / counts[c];
                ngt[p] = (total[p] - sums[c][p]) / neg;
            }
            MinMax(pos);
            MinMax(ngt);
            positive[c] = pos;
            negative[c] = ngt;
        }
        return (positive, negative);
    }

    /// <summary>Mean image of each class.</summary>
    public static float[][] ClassMeans(Dataset data)
    {
        int k = data.ClassCount, px = data.PixelCount;
        var sums = new double[k, px];
        var counts = new int[k];
        for (int i = 0; i < data.Count; i++)
        {
            counts[data.Labels[i]]++;
            var img = data.ImageSpan(i);
            for (int p = 0; p < px; p++) sums[data.Labels[i], p] += img[p];
        }
        return Enumerable.Range(0, k).Select(c => Enumerable.Range(0, px).Select(p => (float)(sums[c, p] / Math.Max(1, counts[c]))).ToArray()).ToArray();
    }

    /// <summary>Min–max normalise to [0, 1] in place; a constant image becomes all zeros.</summary>
    private static void MinMax(double[] v)
    {
        double lo = v.Min(), hi = v.Max(), range = hi - lo;
        for (int i = 0; i < v.Length; i++) v[i] = range > 0 ? (v[i] - lo) / range : 0;
    }
}
