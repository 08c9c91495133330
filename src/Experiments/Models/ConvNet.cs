using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>CNN: [conv (+BN) + ReLU + max-pool] per conv layer, then dense layers with ReLU between.</summary>
public sealed class ConvNet : nn.Module<Tensor, Tensor>
{
    // TorchSharp names submodules after their fields, and those names are the keys of the saved weights.
#pragma warning disable IDE1006
    private readonly nn.Module<Tensor, Tensor> features;
    private readonly nn.Module<Tensor, Tensor> classifier;
#pragma warning restore IDE1006

    /// <param name="libtorchMaxPool">nn.MaxPool2d instead of <see cref="LayoutMaxPool2d"/>: the same outputs and gradients,
    /// slower on the CPU; only for the benchmark's comparison rows.</param>
    public ConvNet(NetworkSpec spec, bool libtorchMaxPool = false) : base("ConvNet")
    {
        bool bn = spec.Architecture == Architecture.CnnBatchNorm;
        var f = new List<(string, nn.Module<Tensor, Tensor>)>();
        long channels = 1, h = spec.InputHeight, w = spec.InputWidth;
        for (int i = 0; i < spec.ConvChannels.Count; i++)
        {
            f.Add(($"conv{i + 1}", nn.Conv2d(channels, spec.ConvChannels[i], spec.KernelSize, padding: spec.Padding)));
            if (bn) f.Add(($"bn{i + 1}", new HeldScalarBatchNorm(spec.ConvChannels[i], spatialDimensions: 2)));
            f.Add(($"relu{i + 1}", nn.ReLU()));
            f.Add(($"pool{i + 1}", libtorchMaxPool ? nn.MaxPool2d(spec.PoolSize) : new LayoutMaxPool2d(spec.PoolSize)));
            channels = spec.ConvChannels[i];
            h = (h + 2 * spec.Padding - spec.KernelSize + 1) / spec.PoolSize;
            w = (w + 2 * spec.Padding - spec.KernelSize + 1) / spec.PoolSize;
        }
        if (h < 1 || w < 1) throw new ArgumentException("The CNN's pooling shrinks the image to nothing; use fewer or smaller pools.");
        f.Add(("flatten", nn.Flatten()));
        features = nn.Sequential(f);

        var c = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inputs = channels * h * w;
        for (int i = 0; i < spec.DenseLayers.Count; i++)
        {
            c.Add(($"fc{i + 1}", nn.Linear(inputs, spec.DenseLayers[i])));
            if (i + 1 < spec.DenseLayers.Count)
            {
                if (bn) c.Add(($"bn_fc{i + 1}", new HeldScalarBatchNorm(spec.DenseLayers[i], spatialDimensions: 1)));
                c.Add(($"relu_fc{i + 1}", nn.ReLU()));
            }
            inputs = spec.DenseLayers[i];
        }
        classifier = nn.Sequential(c);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => classifier.forward(features.forward(x.dim() == 3 ? x.unsqueeze(1) : x));
}
