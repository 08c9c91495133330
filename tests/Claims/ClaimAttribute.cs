using Xunit.v3;

namespace Repro.Claims.Tests;

/// <summary>
/// The Claim trait of a claim's tests: its id and, for a lettered part such as C4a, its family (C4), so that
/// <c>--filter-trait "Claim=C4"</c> selects C4a and C4b as the README says. The register's rows carry the same values
/// (<see cref="Registered"/>), so a claim's facts and its rows of the shared theories are selected together.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class ClaimAttribute(string id) : Attribute, ITraitAttribute
{
    public const string Trait = "Claim";

    public string Id { get; } = id;

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [.. Values(Id).Select(v => KeyValuePair.Create(Trait, v))];

    /// <summary>The trait values of a claim: its id, then its family where the id ends in a letter (C4a, C4b → C4).</summary>
    public static IReadOnlyList<string> Values(string id) => char.IsLetter(id[^1]) ? [id, id[..^1]] : [id];
}
