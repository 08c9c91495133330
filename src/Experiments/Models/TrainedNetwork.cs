using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Experiments.Data;
using Repro.Experiments.Runtime;
using Repro.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>A trained network with what produced it.</summary>
public sealed record TrainedNetwork(nn.Module<Tensor, Tensor> Model, NetworkSpec Network, TrainingSpec Training, string Dataset, TrainingReport Report) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
