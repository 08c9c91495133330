namespace Repro.Results;

/// <summary>Outcome of a claim: [Re] reproduced, [¬Re] not reproduced, or not run.</summary>
public enum Verdict { Re, NotRe, NotRun }
