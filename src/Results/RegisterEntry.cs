namespace Repro.Results;

/// <summary>
/// One dated line of the threshold register: a check's kind, metric, comparison and threshold as set on
/// <see cref="Date"/>, and why. A later line for the same claim and check supersedes it; none is ever rewritten.
/// Kind "retired" marks a check that no longer exists. <see cref="Analysis"/> says whether the check is the claim's
/// <see cref="Primary"/> analysis, registered before the run that first measured the claim, or an <see cref="Exploratory"/>
/// re-reading specified after results were seen; a line without the column is primary.
/// </summary>
public sealed record RegisterEntry(DateOnly Date, string Claim, string Check, string Kind, string Metric, string Comparison, double Threshold, string Reason)
{
    public const string Primary = "primary", Exploratory = "exploratory";

    public bool Retired => Kind == "retired";

    public string Analysis { get; init; } = Primary;
}
