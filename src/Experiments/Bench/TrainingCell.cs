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

/// <summary>Training throughput: <see cref="Steps"/> optimizer steps of <see cref="Batch"/> random samples.</summary>
public sealed record TrainingCell(string Network, int Batch, int Steps, double Seconds)
{
    public double SamplesPerSecond => (double)Steps * Batch / Seconds;
}
