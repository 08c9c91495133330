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

/// <summary>A target of the brief beside what was measured.</summary>
public sealed record BenchTarget(string Name, string Threshold, double Measured, string Unit, bool Passed);
