using Repro.Results;

namespace Repro.Experiments.Claims;

/// <summary>One claim's outcome in a run: its record, or the error that stopped it; <paramref name="Reused"/>: an earlier run's record that still stands.</summary>
public sealed record ClaimOutcome(IClaim Claim, ClaimResult? Result, Exception? Error, bool Reused);
