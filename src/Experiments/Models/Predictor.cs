using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>What a network predicts for images, in evaluation mode and without autograd; the model's mode is restored.</summary>
public static class Predictor
{
    /// <param name="images">Each image as height × width pixels.</param>
    /// <returns>The predicted class of each image.</returns>
    public static int[] Classify(nn.Module<Tensor, Tensor> model, IReadOnlyList<float[]> images, int height, int width, Device device)
    {
        if (images.Count == 0) return [];
        if (images.Any(i => i.Length != height * width)) throw new ArgumentException($"Every image must hold {height}×{width} pixels.");
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = tensor(images.SelectMany(i => i).ToArray(), [images.Count, 1, height, width], device: device);
            return model.forward(x).argmax(1).cpu().data<long>().Select(v => (int)v).ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
