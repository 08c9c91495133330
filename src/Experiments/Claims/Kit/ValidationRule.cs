using System.Text.Json.Serialization;

namespace Repro.Experiments.Claims;

/// <summary>When training stops: §2.4 trains "up to" Table 1's accuracy; its loss column is read either as a result or as a second target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum ValidationRule
{
    /// <summary>Stop at the first check that reaches the target accuracy (the default reading).</summary>
    Accuracy,
    /// <summary>Stop at the first check that reaches the target accuracy and a validation loss at most Table 1's.</summary>
    AccuracyAndLoss,
}
