using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>
/// Outcome of a claim: [Re] when every claim check is [Re]; [¬Re] when any is [¬Re]; inconclusive otherwise;
/// an invalid run when a sanity check failed; recorded when the claim has only recorded values (C7); or not run.
/// <see cref="ReWhereTested"/>: every claim check is [Re] or not tested at this budget, and at least one is each;
/// <see cref="NotTested"/>: every claim check is not tested at this budget.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum Verdict { Re, NotRe, Inconclusive, InvalidRun, Recorded, NotRun, ReWhereTested, NotTested }
