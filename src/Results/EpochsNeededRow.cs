namespace Repro.Results;

/// <summary>
/// One Table 1 network that the profile's epoch cap stopped short of its target, trained again on its first such seed with
/// <see cref="EpochsNeededRecord.MaxEpochs"/> epochs: whether it reached the target on the stopping split, after how many
/// epochs (the limit when it did not), and its validation accuracy at that stop.
/// </summary>
public sealed record EpochsNeededRow(string Network, int Seed, double TargetAccuracy, double ProfileCap, bool Reached, double Epochs,
    double ValidationAccuracy, double Seconds);
