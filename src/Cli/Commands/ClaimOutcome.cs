using System.Globalization;
using Microsoft.Extensions.Logging;
using Repro.Cli.Ui;
using Repro.Experiments.Claims;
using Repro.Results;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary>One claim's outcome: its record, or the error that stopped it.</summary>
public sealed record ClaimOutcome(IClaim Claim, ClaimResult? Result, Exception? Error, bool Reused);
