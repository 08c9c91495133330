using System.Text.Json.Serialization;

namespace Repro.Experiments.Models;

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum OptimizerKind { Sgd, Adam }
