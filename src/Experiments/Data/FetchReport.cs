namespace Repro.Experiments.Data;

/// <summary>What a fetch did. <see cref="WorkDone"/> is false when the store already held the verified files.</summary>
public sealed record FetchReport(DatasetId Dataset, string Name, DatasetSource Source, bool WorkDone, string Directory, string Detail)
{
    public override string ToString() => WorkDone
        ? $"{Name}: fetched from {Detail} into {Directory}"
        : $"{Name}: already in {Directory}, verified; nothing to do";
}
