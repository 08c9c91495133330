using System.Text.Json.Serialization;

namespace Repro.Experiments.Attacks;

/// <summary>The distance between the prediction and the one-hot target (§2.1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum AttackLoss { CrossEntropy, SquaredError }
