namespace Repro.Results;

/// <summary>
/// One row of Table 1: the paper's numbers beside ours. <see cref="Accuracy"/> and <see cref="Loss"/> are on the untouched test set;
/// <see cref="ValidationAccuracy"/> is where training stopped, on the validation split it stopped on (the paper's "validation accuracy").
/// </summary>
public sealed record Table1Row(
    string Dataset, string Architecture, string Optimizer,
    double PaperAccuracy, double PaperLoss, double TargetAccuracy,
    Metric Accuracy, Metric Loss, Metric Epochs, bool ReachedTarget)
{
    public Metric? ValidationAccuracy { get; init; }
    /// <summary>The seeds the metrics' values come from, in order (null in records written before 2026-12-03).</summary>
    public IReadOnlyList<int>? Seeds { get; init; }
}
