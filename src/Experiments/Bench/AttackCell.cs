using System.Diagnostics;
using System.Globalization;
using System.Text;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Bench;

/// <summary>One timed attack: <see cref="Iterations"/> steps on a batch of zero inputs.</summary>
public sealed record AttackCell(string Network, int Batch, int Iterations, int Threads, double Seconds, long SampleIterations)
{
    public double SampleIterationsPerSecond => SampleIterations / Seconds;
}
