using System.Text.Json.Serialization;

namespace Repro.Experiments.Attacks;

/// <summary>
/// "The distance between the network prediction and the target label" (§2.1), three readings:
/// <see cref="CrossEntropy"/> (our default); <see cref="MeanSquaredError"/>, Keras' mean over classes of
/// (softmax − one-hot)², which can never exceed 2/K (0.2 for ten classes), so Figure 2's "loss 1" stop fires at step 0;
/// and <see cref="SummedSquaredError"/>, the same summed over classes (at most 2), the most literal "distance".
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum AttackLoss { CrossEntropy, MeanSquaredError, SummedSquaredError }
