using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>A trained network with what produced it.</summary>
public sealed record TrainedNetwork(nn.Module<Tensor, Tensor> Model, NetworkSpec Network, TrainingSpec Training, string Dataset, TrainingReport Report) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
