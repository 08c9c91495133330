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

/// <summary>Where the benchmark is, for a progress bar.</summary>
public readonly record struct BenchProgress(string Stage, int Done, int Total);
