using Repro.Experiments.Analysis;
using Repro.Experiments.Data;

namespace Repro.Unit.Tests.Engine;

/// <summary>§2.6: PNCs of the tiling set match their classes; those of the overlapping set do not.</summary>
public sealed class PncDummyDatasetsTests(ITestOutputHelper output)
{
    [Fact]
    public void Given_the_tiling_dataset_When_computing_PNCs_Then_each_equals_its_class_image_up_to_an_affine_map()
    {
        var data = DummyDatasets.Tiling();

        var pncs = Pnc.Compute(data);

        Assert.Equal(4, pncs.Length);
        for (int c = 0; c < 4; c++)
        {
            var image = data.GetImage(c);
            double r = Correlation.Pearson(pncs[c], image);
            output.WriteLine($"tiling class {c}: r(PNC, class) = {r:R}");
            Assert.True(Math.Abs(r - 1) < 1e-6, $"class {c}: r = {r}");
            // Positive mean = the image, negative mean = (1 − image)/3 → 1 − image after min–max: PNC = 2·image − 1.
            Assert.Equal(image.Select(v => 2 * v - 1), pncs[c]);
        }
    }

    [Fact]
    public void Given_the_overlapping_dataset_When_computing_PNCs_Then_they_differ_from_their_class_images()
    {
        var data = DummyDatasets.Overlapping();

        var pncs = Pnc.Compute(data);
        var r = Enumerable.Range(0, 4).Select(c => Correlation.Pearson(pncs[c], data.GetImage(c))).ToArray();

        for (int c = 0; c < 4; c++) output.WriteLine($"overlapping class {c}: r(PNC, class) = {r[c]:F6}");
        Assert.Contains(r, v => v < 1 - 1e-3);
        // The four classes are mirror images of one another, so all four r are the same.
        Assert.All(r, v => Assert.Equal(r[0], v, 1e-9));
        Assert.All(r, v => Assert.InRange(v, 0.5, 1 - 1e-3));
    }
}
