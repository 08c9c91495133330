using System.Text.Json.Serialization;

namespace Repro.Experiments.Perturbations;

/// <summary>The three ways of §2.2 to abstract an AP (adversarial perturbation).</summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum Feed
{
    /// <summary>Zero feed: start from a zero image; the AP is the final input.</summary>
    Zero,
    /// <summary>Noise feed: start from normal noise; the AP is final − initial.</summary>
    Noise,
    /// <summary>AAI (adversarial average image): the sum of N ADEs, each started from noise.</summary>
    AdversarialAverage,
}
