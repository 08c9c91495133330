using System.Text.Json.Serialization;

namespace Repro.Results;

/// <summary>
/// What a check is for. <see cref="Claim"/> checks decide the verdict; a failed <see cref="Sanity"/> check
/// (a fact the run depends on, such as a dataset's construction or a network reaching its training target)
/// makes the run invalid, never [¬Re]; <see cref="Recorded"/> values are shown beside the paper's with no verdict.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter))]
public enum CheckKind { Claim, Sanity, Recorded }
