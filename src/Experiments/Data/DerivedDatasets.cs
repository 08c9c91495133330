namespace Repro.Experiments.Data;

/// <summary>
/// C10's variations of a data set: a smaller input space (average pooling) and a sparser negative set (fewer classes).
/// Pure functions; the order of the samples is kept, so a held-out tail stays a held-out tail.
/// </summary>
public static class DerivedDatasets
{
    /// <summary>Each image averaged over <paramref name="factor"/>×<paramref name="factor"/> blocks (28×28 → 14×14 at 2, 7×7 at 4); labels kept.</summary>
    public static Dataset AveragePooled(Dataset d, int factor)
    {
        if (factor < 1 || d.Height % factor != 0 || d.Width % factor != 0)
            throw new ArgumentException($"Dataset {d.Name}: a pooling factor of {factor} does not divide its {d.Height}×{d.Width} images.");
        if (factor == 1) return d;
        int h = d.Height / factor, w = d.Width / factor, p = h * w;
        var images = new float[d.Count * p];
        double area = factor * factor;
        for (int n = 0; n < d.Count; n++)
        {
            var src = d.ImageSpan(n);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    double sum = 0;
                    for (int dy = 0; dy < factor; dy++)
                        for (int dx = 0; dx < factor; dx++)
                            sum += src[(y * factor + dy) * d.Width + x * factor + dx];
                    images[n * p + y * w + x] = (float)(sum / area);
                }
        }
        return new Dataset($"{d.Name} pooled {h}x{w}", images, d.Labels, h, w, d.ClassCount);
    }

    /// <summary>The samples of classes 0 … <paramref name="classes"/> − 1, in their order, as a data set of that many classes.</summary>
    public static Dataset FirstClasses(Dataset d, int classes)
    {
        if (classes < 2 || classes > d.ClassCount)
            throw new ArgumentException($"Dataset {d.Name}: {classes} classes is not between 2 and its {d.ClassCount}.");
        if (classes == d.ClassCount) return d;
        var keep = Enumerable.Range(0, d.Count).Where(i => d.Labels[i] < classes).ToArray();
        var subset = d.Subset(keep);
        return new Dataset($"{d.Name} classes 0-{classes - 1}", subset.Images, subset.Labels, d.Height, d.Width, classes);
    }
}
