using System.Text.Json.Serialization;

namespace Repro.Experiments.Attacks;

/// <summary>Which part of the stop condition ended a sample's attack.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum StopReason { Running = 0, Loss = 1, Confidence = 2, MaxIterations = 3, Diverged = 4, Predicted = 5 }
