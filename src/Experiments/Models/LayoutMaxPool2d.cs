using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// Max-pooling over k×k windows with stride k, as nn.MaxPool2d, with the same outputs and gradients bit for bit, faster on
/// the CPU. libtorch's NCHW max-pool kernel was measured at about 25 ns per output here; its channels-last kernel is ~18×
/// faster, and a copy into that layout costs less than the difference. Both kernels scan a window in the same order and keep
/// the first maximum (or the last NaN: both test <c>val &gt; max || isnan(val)</c>), so they pick the same element. Without a recorded gradient (evaluation) the channels-last
/// output is the answer. With one (training, attacks), the channels-last kernel only picks the elements and a gather takes
/// them from the input: the gather's gradient adds each output's gradient into zeros at its element, as the max-pool's
/// backward does, and windows that do not overlap give each element at most one term, so the sums are the same bits.
/// </summary>
public sealed class LayoutMaxPool2d(long kernel) : nn.Module<Tensor, Tensor>("MaxPool2d")
{
    public long Kernel { get; } = kernel;

    public override Tensor forward(Tensor x) => Pool(x, Kernel);

    /// <summary>The pooling itself, for networks that pool without a module of their own.</summary>
    public static Tensor Pool(Tensor x, long kernel)
    {
        if (x.device_type != DeviceType.CPU || x.dim() != 4 || x.shape[1] == 1)
            return nn.functional.max_pool2d(x, kernel, kernel);
        using var scope = NewDisposeScope();
        bool recorded = x.requires_grad && is_grad_enabled();
        Tensor picked;
        using (no_grad())
        {
            var channelsLast = x.detach().permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            if (!recorded)
                return nn.functional.max_pool2d(channelsLast, kernel, kernel).contiguous().MoveToOuterDisposeScope();
            picked = nn.functional.max_pool2d_with_indices(channelsLast, [kernel, kernel], [kernel, kernel]).indices.contiguous();
        }
        return x.flatten(2).gather(2, picked.flatten(2)).view(picked.shape).MoveToOuterDisposeScope();
    }
}
