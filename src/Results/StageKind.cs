namespace Repro.Results;

/// <summary>What a stage of a run did. <see cref="Claim"/> spans the other stages of one claim and is left out of the totals.</summary>
public enum StageKind { Training, Evaluation, Attack, Analysis, Claim }
