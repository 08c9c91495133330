namespace Repro.Experiments.Data;

/// <summary>
/// A labelled image set: <see cref="Count"/> images of <see cref="Height"/>×<see cref="Width"/>, row-major and
/// contiguous in <see cref="Images"/>, with labels in [0, <see cref="ClassCount"/>). Validated on construction.
/// </summary>
public sealed record Dataset(string Name, float[] Images, int[] Labels, int Height, int Width, int ClassCount)
{
    /// <summary>Number of samples. Its initializer validates the record.</summary>
    public int Count { get; } = Validate(Name, Images, Labels, Height, Width, ClassCount);

    /// <summary>Pixels per image, Height × Width.</summary>
    public int PixelCount => Height * Width;

    /// <summary>A copy of image <paramref name="index"/>, Height × Width values.</summary>
    public float[] GetImage(int index) => ImageSpan(index).ToArray();

    /// <summary>Image <paramref name="index"/> without copying.</summary>
    public ReadOnlySpan<float> ImageSpan(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Images.AsSpan(index * PixelCount, PixelCount);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (copied).</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        int p = PixelCount;
        var images = new float[indices.Count * p];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            ImageSpan(indices[i]).CopyTo(images.AsSpan(i * p, p));
            labels[i] = Labels[indices[i]];
        }
        return new Dataset(name ?? Name, images, labels, Height, Width, ClassCount);
    }

    /// <summary>The first <paramref name="count"/> samples (all when there are fewer).</summary>
    public Dataset Take(int count, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Subset(Enumerable.Range(0, Math.Min(count, Count)).ToArray(), name);
    }

    static int Validate(string name, float[] images, int[] labels, int height, int width, int classCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"Dataset {name}: image size must be positive, got {height}×{width}.");
        if (classCount <= 0)
            throw new ArgumentException($"Dataset {name}: class count must be positive, got {classCount}.");
        long expected = (long)labels.Length * height * width;
        if (images.Length != expected)
            throw new ArgumentException(
                $"Dataset {name}: {labels.Length} labels of {height}×{width} images need {expected} pixel values, got {images.Length}.");
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"Dataset {name}: label {labels[i]} at index {i} is outside 0..{classCount - 1}.");
        return labels.Length;
    }
}

/// <summary>A training set and its test set.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Test);
