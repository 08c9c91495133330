using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>
/// The outcome of one check. Claim checks (and recorded values that carry a threshold, such as an earlier,
/// stricter reading) are <see cref="Re"/>, <see cref="NotRe"/> or <see cref="Inconclusive"/> by their 95% interval
/// and p-value; sanity checks <see cref="Holds"/> or <see cref="Fails"/> on every seed; a value without a
/// threshold is only <see cref="Recorded"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum CheckOutcome { Re, NotRe, Inconclusive, Holds, Fails, Recorded }
