namespace Repro.Results;

/// <summary>
/// One reading of a detail the paper leaves open, as the sensitivity study varies it: the default row ("our readings")
/// or one alternative, why it is a fair reading of the paper, which claims it touches, and the profile settings it sets.
/// </summary>
public sealed record SensitivityAlternative
{
    /// <summary>The reading's key, as in every record's readings (e.g. "attackLoss"); "default" for the default row.</summary>
    public required string Reading { get; init; }
    /// <summary>The alternative in words, e.g. "summed squared error".</summary>
    public required string Name { get; init; }
    public required string Justification { get; init; }
    /// <summary>What a flip under this alternative would mean, in one sentence.</summary>
    public required string FlipMeaning { get; init; }
    /// <summary>Claims this reading can change; the others are the default's by construction and not rerun.</summary>
    public required IReadOnlyList<string> Claims { get; init; }
    /// <summary>The profile settings the alternative changes, "setting = value".</summary>
    public required IReadOnlyList<string> Settings { get; init; }
    public bool IsDefault => Reading == SensitivityRecord.DefaultReading;
    public string Key => $"{Reading}: {Name}";
}
