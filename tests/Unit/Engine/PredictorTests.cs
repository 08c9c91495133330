using Repro.Experiments.Models;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>The predictor C9 classifies transferred ADEs with, against the linear model's closed form argmax(W x + b).</summary>
public sealed class PredictorTests
{
    [Fact]
    public void Given_the_linear_model_When_images_are_classified_Then_each_gets_the_argmax_of_W_x_plus_b_and_the_training_mode_is_restored()
    {
        using var model = Linear();
        model.train();
        var rng = new Random(5);
        var images = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, Pixels).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToList();

        var predicted = Predictor.Classify(model, images, Side, Side, CPU);

        for (int i = 0; i < images.Count; i++)
        {
            var logits = Enumerable.Range(0, Classes).Select(k => LinearBias[k] + Enumerable.Range(0, Pixels).Sum(j => LinearWeights[k * Pixels + j] * images[i][j])).ToArray();
            int expected = Array.IndexOf(logits, logits.Max());
            Assert.True(expected == predicted[i], $"image {i}: predicted {predicted[i]}, closed form {expected} (logits {string.Join(", ", logits.Select(l => l.ToString("F3")))})");
        }
        Assert.True(model.training);
    }

    [Fact]
    public void Given_an_image_of_the_wrong_size_When_classified_Then_it_is_refused_naming_the_size()
    {
        using var model = Linear();
        var e = Assert.Throws<ArgumentException>(() => Predictor.Classify(model, [new float[5]], Side, Side, CPU));
        Assert.Contains("6×6", e.Message);
    }
}
