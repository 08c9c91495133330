namespace Repro.Results;

/// <summary>
/// One dated line of the threshold register: a check's kind, metric, comparison and threshold as set on
/// <see cref="Date"/>, and why. A later line for the same claim and check supersedes it; none is ever rewritten.
/// Kind "retired" marks a check that no longer exists.
/// </summary>
public sealed record RegisterEntry(DateOnly Date, string Claim, string Check, string Kind, string Metric, string Comparison, double Threshold, string Reason)
{
    public bool Retired => Kind == "retired";
}
