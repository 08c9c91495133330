using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// A network of the paper (§2.2, §2.4, §2.6). The paper gives layer widths only; kernel size,
/// padding and pooling of the CNN are our readings, kept as parameters.
/// </summary>
public sealed record NetworkSpec
{
    public required Architecture Architecture { get; init; }
    /// <summary>FC: the widths of every layer including input and output, e.g. [784, 200, 30, 10].</summary>
    public IReadOnlyList<int> FcLayers { get; init; } = [784, 200, 30, 10];
    /// <summary>CNN: convolution channels, e.g. [128, 256].</summary>
    public IReadOnlyList<int> ConvChannels { get; init; } = [128, 256];
    /// <summary>CNN: dense widths after the convolutions, the last being the class count, e.g. [512, 256, 10].</summary>
    public IReadOnlyList<int> DenseLayers { get; init; } = [512, 256, 10];
    public int KernelSize { get; init; } = 3;
    public int Padding { get; init; } = 1;
    public int PoolSize { get; init; } = 2;
    public int InputHeight { get; init; } = 28;
    public int InputWidth { get; init; } = 28;

    public static NetworkSpec FcMnist => new() { Architecture = Architecture.Fc };
    public static NetworkSpec FcDummy => new() { Architecture = Architecture.Fc, FcLayers = [36, 200, 50, 4], InputHeight = 6, InputWidth = 6 };
    public static NetworkSpec Cnn(bool batchNorm) => new() { Architecture = batchNorm ? Architecture.CnnBatchNorm : Architecture.Cnn };

    public int ClassCount => Architecture == Architecture.Fc ? FcLayers[^1] : DenseLayers[^1];

    public string ShortName => Architecture switch { Architecture.Fc => "FC", Architecture.Cnn => "CNN", _ => "CNN-BN" };

    /// <summary>The readings of unspecified details, for result files.</summary>
    public IReadOnlyDictionary<string, string> Readings() => Architecture == Architecture.Fc
        ? new Dictionary<string, string> { ["fcActivation"] = "ReLU between layers, softmax in the loss" }
        : new Dictionary<string, string>
        {
            ["cnnKernel"] = $"{KernelSize}x{KernelSize}, padding {Padding}, stride 1",
            ["cnnPooling"] = $"max-pool {PoolSize}x{PoolSize} after each convolution",
            ["cnnActivation"] = "ReLU after each convolution and hidden dense layer",
            ["cnnBatchNorm"] = Architecture == Architecture.CnnBatchNorm
                ? "BatchNorm after each convolution and hidden dense layer, before ReLU" : "none",
        };

    public void Validate()
    {
        if (Architecture == Architecture.Fc)
        {
            if (FcLayers.Count < 2 || FcLayers.Any(w => w < 1)) throw new ArgumentException("FC layers need at least an input and an output width, all positive.");
            if (FcLayers[0] != InputHeight * InputWidth) throw new ArgumentException($"FC input width {FcLayers[0]} does not match the image size {InputHeight}x{InputWidth}.");
        }
        else
        {
            if (ConvChannels.Count < 1 || DenseLayers.Count < 1 || ConvChannels.Concat(DenseLayers).Any(w => w < 1)) throw new ArgumentException("CNN needs positive convolution channels and dense widths.");
            if (KernelSize < 1 || Padding < 0 || PoolSize < 1) throw new ArgumentException("CNN kernel, padding and pool sizes must be positive.");
        }
        if (ClassCount < 2) throw new ArgumentException("A classifier needs at least two classes.");
    }

    public nn.Module<Tensor, Tensor> Create()
    {
        Validate();
        return Architecture == Architecture.Fc ? new FullyConnectedNet(this) : new ConvNet(this);
    }
}
