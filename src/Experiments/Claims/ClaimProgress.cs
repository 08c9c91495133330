using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using Repro.Results;
using static TorchSharp.torch;

namespace Repro.Experiments.Claims;

/// <summary>What a claim is told, by stage, while it runs.</summary>
public readonly record struct ClaimProgress(string ClaimId, string Stage, double Fraction);
