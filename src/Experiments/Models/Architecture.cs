using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum Architecture { Fc, Cnn, CnnBatchNorm }
