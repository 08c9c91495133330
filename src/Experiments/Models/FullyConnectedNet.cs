using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>FC network: flatten, then Linear + ReLU between layers (logits out).</summary>
public sealed class FullyConnectedNet : nn.Module<Tensor, Tensor>
{
    // TorchSharp names submodules after their fields, and those names are the keys of the saved weights.
#pragma warning disable IDE1006
    private readonly nn.Module<Tensor, Tensor> layers;
#pragma warning restore IDE1006

    public FullyConnectedNet(NetworkSpec spec) : base("FullyConnectedNet")
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i + 1 < spec.FcLayers.Count; i++)
        {
            modules.Add(($"fc{i + 1}", nn.Linear(spec.FcLayers[i], spec.FcLayers[i + 1])));
            if (i + 2 < spec.FcLayers.Count) modules.Add(($"relu{i + 1}", nn.ReLU()));
        }
        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x.flatten(1));
}
