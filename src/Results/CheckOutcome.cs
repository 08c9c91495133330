using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>
/// The outcome of one check. Claim checks (and recorded values that carry a threshold, such as an earlier,
/// stricter reading) are <see cref="Re"/>, <see cref="NotRe"/> or <see cref="Inconclusive"/> by their 95% interval
/// and p-value; sanity checks <see cref="Holds"/> or <see cref="Fails"/> on every seed; a value without a
/// threshold is only <see cref="Recorded"/>. <see cref="NotTested"/>: the check uses a network that the profile's epoch cap stopped
/// short of its Table 1 target, so the paper's network was not tested at this budget; it is never [Re] or [¬Re] (and a Table 1
/// precondition that fails only for that reason is not tested either, never a failed sanity check).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum CheckOutcome { Re, NotRe, Inconclusive, Holds, Fails, Recorded, NotTested }
