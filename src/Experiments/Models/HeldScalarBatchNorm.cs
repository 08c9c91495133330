using Repro.Experiments.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// Batch normalisation over (N, C) or (N, C, L) inputs (as nn.BatchNorm1d) or (N, C, H, W) inputs (as nn.BatchNorm2d),
/// with the same parameters, buffers, names and arithmetic as TorchSharp's modules.
/// </summary>
/// <remarks>
/// Why not nn.BatchNorm2d: its training forward counts batches with <c>num_batches_tracked.add_(1)</c>, two Scalars made
/// for one call, which a garbage collection on another thread can free while libtorch reads them. This forward holds them.
/// </remarks>
public sealed class HeldScalarBatchNorm : BatchNorm
{
    private readonly int[] _inputDimensions;

    /// <param name="features">C, the number of channels (or features).</param>
    /// <param name="spatialDimensions">1 for nn.BatchNorm1d's inputs, 2 for nn.BatchNorm2d's.</param>
    public HeldScalarBatchNorm(long features, int spatialDimensions)
        : base(features, eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true, device: null, dtype: null,
            name: spatialDimensions == 2 ? "BatchNorm2d" : "BatchNorm1d")
    {
        _inputDimensions = spatialDimensions switch
        {
            1 => [2, 3],
            2 => [4],
            _ => throw new ArgumentOutOfRangeException(nameof(spatialDimensions), spatialDimensions, "Batch norm here is 1-d or 2-d."),
        };
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (!_inputDimensions.Contains((int)input.dim()))
            throw new ArgumentException($"{GetName()}: expected a {string.Join(" or ", _inputDimensions)}-d input, got {input.dim()}-d.");
    }

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        // TorchSharp's order of operations, with the batch count's two int 1s held (momentum is set, so the count is only kept).
        if (training && num_batches_tracked is { } count)
            count.add_(HeldScalars.One, HeldScalars.One);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum!.Value, eps);
    }
}
