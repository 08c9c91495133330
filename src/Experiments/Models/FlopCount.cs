
namespace Repro.Experiments.Models;

/// <summary>
/// FLOPs counted from the layer shapes of a <see cref="NetworkSpec"/>: 2 per multiply-accumulate of the dense and
/// convolution layers. Biases, ReLU, pooling, batch normalisation and the loss are left out: together they are under
/// 1% of the MACs of these networks. The conventions, in units of one forward pass F per sample:
/// <list type="bullet">
/// <item>an attack iteration is 2F: the forward pass and the backward pass to the input (the weights are frozen, so no
/// weight gradients are computed, and the gradient to each layer's input costs what its forward pass did);</item>
/// <item>a training step is 3F per sample: forward, gradient to the activations, gradient to the weights;</item>
/// <item>an evaluation (stopping check, test set) is F per sample.</item>
/// </list>
/// </summary>
public static class FlopCount
{
    public const double AttackIterationForwards = 2, TrainingStepForwards = 3;

    /// <summary>FLOPs of one forward pass of one image.</summary>
    public static double Forward(NetworkSpec spec)
    {
        spec.Validate();
        if (spec.Architecture == Architecture.Fc)
        {
            double macs = 0;
            for (int i = 0; i + 1 < spec.FcLayers.Count; i++) macs += (double)spec.FcLayers[i] * spec.FcLayers[i + 1];
            return 2 * macs;
        }
        // As ConvNet builds it: stride-1 convolutions, each followed by a max-pool, then the dense layers.
        double total = 0;
        long channels = 1, h = spec.InputHeight, w = spec.InputWidth;
        foreach (var outChannels in spec.ConvChannels)
        {
            long oh = h + 2 * spec.Padding - spec.KernelSize + 1, ow = w + 2 * spec.Padding - spec.KernelSize + 1;
            total += (double)oh * ow * outChannels * channels * spec.KernelSize * spec.KernelSize;
            channels = outChannels;
            h = oh / spec.PoolSize;
            w = ow / spec.PoolSize;
        }
        long inputs = channels * h * w;
        foreach (var width in spec.DenseLayers)
        {
            total += (double)inputs * width;
            inputs = width;
        }
        return 2 * total;
    }

    /// <summary>FLOPs of training on <paramref name="samples"/> samples (3F each).</summary>
    public static double Training(NetworkSpec spec, long samples) => TrainingStepForwards * Forward(spec) * samples;

    /// <summary>FLOPs of <paramref name="iterations"/> attack iterations on a batch of <paramref name="batch"/> (2F per sample-iteration).</summary>
    public static double Attack(NetworkSpec spec, long batch, long iterations) => AttackIterationForwards * Forward(spec) * batch * iterations;
}
