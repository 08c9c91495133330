namespace Repro.Experiments.Data;

/// <summary>
/// A planted canary: a <see cref="Size"/>×<see cref="Size"/> patch of <see cref="Value"/> at (<see cref="Row"/>, <see cref="Column"/>),
/// stamped into a seeded <see cref="Fraction"/> of one class's training images. Planted where the training images are blank,
/// it is a feature only the planted images have, so a network's AP that shows it has leaked the training set.
/// </summary>
public sealed record Canary(int Class, double Fraction, int Row, int Column, int Size, float Value, int Seed)
{
    /// <summary>Pixel indices of the patch in a row-major image <paramref name="width"/> wide.</summary>
    public int[] Pixels(int width) =>
        Enumerable.Range(Row, Size).SelectMany(r => Enumerable.Range(Column, Size).Select(c => r * width + c)).ToArray();

    /// <summary>
    /// How many images of <paramref name="data"/> have a non-zero pixel inside the patch, and the largest such pixel: (0, 0)
    /// where the corner is blank in every image.
    /// </summary>
    public (int Images, float Largest) Occupied(Dataset data)
    {
        Validate(data);
        var patch = Pixels(data.Width);
        int images = 0;
        float largest = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var img = data.ImageSpan(i);
            float m = 0;
            foreach (var p in patch) m = Math.Max(m, Math.Abs(img[p]));
            if (m > 0) images++;
            largest = Math.Max(largest, m);
        }
        return (images, largest);
    }

    /// <summary>
    /// A copy of <paramref name="data"/> with the patch stamped into round(<see cref="Fraction"/> × n) of its n images of
    /// <see cref="Class"/>, drawn by a seeded shuffle; <paramref name="planted"/> lists them in ascending order.
    /// </summary>
    public Dataset Plant(Dataset data, out int[] planted)
    {
        Validate(data);
        var ofClass = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == Class).ToArray();
        new Random(Seed).Shuffle(ofClass);
        planted = ofClass.Take((int)Math.Round(Fraction * ofClass.Length, MidpointRounding.AwayFromZero)).Order().ToArray();
        var images = (float[])data.Images.Clone();
        var patch = Pixels(data.Width);
        foreach (var i in planted)
            foreach (var p in patch) images[i * data.PixelCount + p] = Value;
        return data with { Name = FormattableString.Invariant($"{data.Name}+canary{Class}-{Fraction:0.##}-r{Row}c{Column}x{Size}-s{Seed}"), Images = images };
    }

    /// <summary>Mean of <paramref name="image"/> over the patch minus its mean over the whole image.</summary>
    public double Score(float[] image, int width)
    {
        double patch = Pixels(width).Average(p => (double)image[p]);
        return patch - image.Average(v => (double)v);
    }

    private void Validate(Dataset data)
    {
        if (Class < 0 || Class >= data.ClassCount) throw new ArgumentOutOfRangeException(nameof(Class), $"Class {Class} is outside 0..{data.ClassCount - 1}.");
        if (Fraction is < 0 or > 1 || double.IsNaN(Fraction)) throw new ArgumentOutOfRangeException(nameof(Fraction), $"The planted fraction must be in [0, 1] (got {Fraction}).");
        if (Size < 1 || Row < 0 || Column < 0 || Row + Size > data.Height || Column + Size > data.Width)
            throw new ArgumentException($"A {Size}×{Size} patch at ({Row}, {Column}) does not fit a {data.Height}×{data.Width} image.");
    }
}
