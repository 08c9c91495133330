using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>
/// Which interval a check carries, so that it stays inside the statistic's range:
/// <list type="bullet">
/// <item><see cref="StudentT"/>: mean ± t·s/√n over seeds, for unbounded means (differences of correlations,
/// standardised scores); for a mean with a range (an accuracy, a confidence) it is intersected with that range.</item>
/// <item><see cref="FisherZ"/>: for correlations; the Student-t interval of atanh(r) over seeds, back-transformed with tanh.</item>
/// <item><see cref="ClopperPearson"/>: for counts; the exact binomial interval of the proportion, successes over trials pooled over seeds.</item>
/// </list>
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum IntervalKind { StudentT, FisherZ, ClopperPearson }
