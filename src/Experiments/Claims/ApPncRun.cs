using Repro.Experiments.Analysis;
using Repro.Experiments.Perturbations;

namespace Repro.Experiments.Claims;

/// <summary>The AP–PNC comparison of one Table 1 network, one seed, one feed, with its null controls.</summary>
public sealed record ApPncRun(Table1Configuration Config, int Seed, Feed Feed, float[]?[] Aps, double[][] Matrix, MatrixSummary Summary,
    MatrixSummary UntrainedControl, MatrixSummary ShuffledControl, int FailedClasses, double Seconds)
{
    /// <summary>The paper shows a blank where the attack failed; a network counts when at least half its classes succeeded.</summary>
    public bool Succeeded => FailedClasses <= 5;
}
