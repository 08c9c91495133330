using System.Text.Json.Serialization;

namespace Repro.Experiments.Models;

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum Architecture { Fc, Cnn, CnnBatchNorm }
