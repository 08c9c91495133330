using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Attacks;

/// <summary>
/// libtorch 2.10's CPU convolutions (oneDNN 3.7.1) give a wrong gradient with respect to their input when a convolution's
/// output channels are not a multiple of oneDNN's channel block (16 with AVX-512, 8 with AVX2): the backward pass works on
/// channels padded up to the block and reads padding that nothing has set. Measured on a 2-vCPU AMD EPYC with AVX-512 (2026-12-07):
/// relative errors of 0.1–0.9, and NaN, for 4, 8, 12, 24 and 40 output channels, batches of 2 to 1,000; none for 16, 32, 48,
/// 64, 128 or 256. Forward outputs and the weights' gradients were right, so training is unaffected; an attack needs the
/// input's gradient, so it refuses such a network instead of computing a wrong one. Every CNN of the project has 32, 64, 128
/// or 256 channels; a unit test checks their input gradients against float64 on the machine that runs the tests.
/// </summary>
public static class CpuConvolutionGuard
{
    /// <summary>The channel multiple that is safe under every vector unit oneDNN blocks for (AVX-512's 16, AVX2's 8).</summary>
    public const int ChannelMultiple = 16;

    /// <summary>Throws if a convolution of <paramref name="model"/> on the CPU has an output width whose input gradient libtorch gets wrong.</summary>
    public static void ThrowIfInputGradientIsWrong(nn.Module model)
    {
        foreach (var (name, module) in model.named_modules())
        {
            if (module is not TorchSharp.Modules.Conv2d conv || conv.weight is not { } weight || weight.device_type != DeviceType.CPU) continue;
            long channels = weight.shape[0];
            if (channels % ChannelMultiple != 0)
                throw new ArgumentException(
                    $"Convolution '{name}' has {channels} output channels: libtorch's CPU convolution computes a wrong input gradient " +
                    $"unless they are a multiple of {ChannelMultiple} (oneDNN pads them to its channel block), so the attack would be wrong; " +
                    $"use convolution widths that are multiples of {ChannelMultiple}.");
        }
    }
}
