using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// The claims suite's rows, read from the threshold register: one per current check of a kind, over every claim, and one
/// per claim. A row carries its claim's traits (<see cref="ClaimAttribute"/>), so <c>--filter-trait "Claim=C6"</c> selects
/// C6's rows of the shared theories, and a display name that says the theory's sentence of that claim's run and names the
/// check in full, so a failure reads as it did when each claim had its own class.
/// </summary>
public static class Registered
{
    /// <summary>How every theory over the claims' runs begins; a row says it of its own claim ("Given_the_C6_run_").</summary>
    public const string Subject = "Given_a_claims_run_";

    /// <summary>
    /// Every claim: the catalogue's in id order, then any the register names that the catalogue lacks, whose rows then
    /// fail naming it rather than go unasserted.
    /// </summary>
    public static IReadOnlyList<string> Claims =>
        [.. ClaimCatalog.All.Select(c => c.Id).Union(ThresholdRegister.Embedded.Current.Select(e => e.Claim))];

    /// <summary>
    /// One row (claim, kind, check) per current register line, named by what its kind asks (<paramref name="sentence"/>: the
    /// name's part after the subject, "When_…_Then_…") and by the check in full.
    /// </summary>
    public static TheoryData<string, CheckKind, string> Checks(Func<CheckKind, string> sentence) =>
        new(ThresholdRegister.Embedded.Current.Select(e => (e.Claim, Kind: Enum.Parse<CheckKind>(e.Kind, ignoreCase: true), e.Check)).Select(e =>
            ForClaim(new TheoryDataRow<string, CheckKind, string>(e.Claim, e.Kind, e.Check), e.Claim, $"Given_the_{e.Claim}_run_{sentence(e.Kind)}(check: \"{e.Check}\")")));

    /// <summary>One row per claim, for the theory <paramref name="theory"/>.</summary>
    public static TheoryData<string> EveryClaim(string theory) =>
        new(Claims.Select(c => ForClaim(new TheoryDataRow<string>(c), c, Said(theory, c))));

    /// <summary>
    /// A row of <paramref name="claim"/>: its Claim traits, and <paramref name="displayName"/> in full (the empty label keeps
    /// xunit from appending the arguments again, cut at 50 characters).
    /// </summary>
    public static TRow ForClaim<TRow>(TRow row, string claim, string displayName) where TRow : TheoryDataRowBase
    {
        foreach (var value in ClaimAttribute.Values(claim)) row.WithTrait(ClaimAttribute.Trait, value);
        row.Label = "";
        return row.WithTestDisplayName(displayName);
    }

    private static string Said(string theory, string claim) =>
        theory.StartsWith(Subject, StringComparison.Ordinal)
            ? $"Given_the_{claim}_run_{theory[Subject.Length..]}"
            : throw new ArgumentException($"a theory over the claims' runs is named {Subject}…, not {theory}", nameof(theory));
}
