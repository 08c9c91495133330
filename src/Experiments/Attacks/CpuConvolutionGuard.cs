using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Attacks;

/// <summary>
/// libtorch 2.10's CPU convolutions (oneDNN 3.7.1) give a wrong gradient with respect to their input, sometimes NaN, when
/// their output channels are not a multiple of oneDNN's channel block (16 with AVX-512, 8 with AVX2): the backward pass reads
/// padding that nothing has set (README, Platform notes). Outputs and the weights' gradients are right. An attack needs every
/// convolution's input gradient; training needs those of all but the first, whose input is the image. Both refuse a
/// network that would get a wrong one.
/// </summary>
public static class CpuConvolutionGuard
{
    /// <summary>The channel multiple that is safe under every vector unit oneDNN blocks for (AVX-512's 16, AVX2's 8).</summary>
    public const int ChannelMultiple = 16;

    /// <summary>For an attack: throws if any convolution of <paramref name="model"/> on the CPU has such a width.</summary>
    public static void ThrowIfInputGradientIsWrong(nn.Module model) => Check(model, skipFirst: false, "the attack");

    /// <summary>For training: throws if a convolution after the first has such a width (the first one's input gradient is never asked for).</summary>
    public static void ThrowIfTrainingGradientIsWrong(nn.Module model) => Check(model, skipFirst: true, "training");

    static void Check(nn.Module model, bool skipFirst, string what)
    {
        bool first = true;
        foreach (var (name, module) in model.named_modules())
        {
            if (module is not TorchSharp.Modules.Conv2d conv || conv.weight is not { } weight) continue;
            bool skip = first && skipFirst;
            first = false;
            long channels = weight.shape[0];
            if (skip || weight.device_type != DeviceType.CPU || channels % ChannelMultiple == 0) continue;
            throw new ArgumentException(
                $"Convolution '{name}' has {channels} output channels: libtorch's CPU convolution computes a wrong input gradient " +
                $"unless they are a multiple of {ChannelMultiple} (oneDNN pads them to its channel block), so {what} would be wrong; " +
                $"use convolution widths that are multiples of {ChannelMultiple}.");
        }
    }
}
