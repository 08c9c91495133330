using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Cli.Commands;

/// <summary>One claim's outcome: its record, or the error that stopped it.</summary>
public sealed record ClaimOutcome(IClaim Claim, ClaimResult? Result, Exception? Error, bool Reused);
