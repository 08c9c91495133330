namespace Repro.Results;

/// <summary>One row of Table 1: the paper's numbers beside ours.</summary>
public sealed record Table1Row(
    string Dataset, string Architecture, string Optimizer,
    double PaperAccuracy, double PaperLoss, double TargetAccuracy,
    Metric Accuracy, Metric Loss, Metric Epochs, bool ReachedTarget);
