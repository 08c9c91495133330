namespace Repro.Results;

/// <summary>
/// The whole run in a few numbers. The floor is the run's FLOPs at the machine's matmul rate on all its cores: no
/// implementation beats it by much. Core use is the process's CPU time over wall × cores; the thread-time version sums
/// the stages' own threads only (a lower bound when libtorch runs intra-op threads).
/// </summary>
public sealed record StageSummary(
    int Stages, double TotalFlops, double FloorSeconds, double WallSeconds, double WallOverFloor, double CoreUse, double ThreadCoreUse,
    double TrainingSeconds, double EvaluationSeconds, double EvaluationOverhead, double AttackSeconds, double AnalysisSeconds);
