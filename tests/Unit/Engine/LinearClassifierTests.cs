using Repro.Experiments.Data;
using Repro.Experiments.Models;

namespace Repro.Unit.Tests.Engine;

/// <summary>The linear classifier's templates: its weight rows point at what tells the classes apart, and one seed gives the same bits.</summary>
public sealed class LinearClassifierTests
{
    /// <summary>Two classes of 2×2 images: class 0 lights the first pixel, class 1 the last, with a little seeded noise.</summary>
    static Dataset TwoClasses()
    {
        var rng = new Random(3);
        int n = 200;
        var images = new float[n * 4];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            for (int p = 0; p < 4; p++) images[i * 4 + p] = (float)(0.1 * rng.NextDouble());
            images[i * 4 + (labels[i] == 0 ? 0 : 3)] += 1;
        }
        return new Dataset("two", images, labels, 2, 2, 2);
    }

    [Fact]
    public void Given_two_classes_told_apart_by_one_pixel_each_When_trained_Then_each_weight_row_peaks_at_its_class_pixel_and_is_deterministic()
    {
        var w = LinearClassifier.Templates(TwoClasses(), seed: 1);
        Assert.Equal(2, w.Length);
        Assert.True(w[0][0] > w[0][3] && w[1][3] > w[1][0], $"w0 = [{string.Join(", ", w[0])}], w1 = [{string.Join(", ", w[1])}]");
        Assert.Equal(w, LinearClassifier.Templates(TwoClasses(), seed: 1));
    }
}
