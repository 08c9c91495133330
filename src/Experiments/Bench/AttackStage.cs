using Repro.Experiments.Models;
using Repro.Experiments.Runtime;

namespace Repro.Experiments.Bench;

/// <summary>Where a perturbation runner records its attack batches, and what it attacks (a label and the network's shapes, for the FLOPs).</summary>
public sealed record AttackStage(StageLog Log, string Label, NetworkSpec Network);
