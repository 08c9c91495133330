using Repro.Experiments.Analysis;
using Repro.Experiments.Perturbations;

namespace Repro.Experiments.Claims;

/// <summary>
/// The AP–PNC comparison of one Table 1 network, one seed, one feed, with its null controls: the matrix
/// r(AP_i, PNC_j) of the trained network, the same for its untrained twin, r against shuffled-label PNCs, and the
/// template baselines r(AP_c, class mean_c) and r(AP_c, class mean_c − global mean). <see cref="Aps"/> holds null where the
/// attack failed (the paper's blank); <see cref="UntrainedAps"/> holds every class of the twin. <see cref="Weights"/> and
/// <see cref="UntrainedWeights"/> are each class's fit of the AP on the PNC's two terms (<see cref="NegativeSetWeight"/>), missing
/// where the attack failed.
/// </summary>
public sealed record ApPncRun(Table1Configuration Config, int Seed, Feed Feed, float[]?[] Aps, float[][] UntrainedAps, double[][] Matrix, double[][] UntrainedMatrix,
    MatrixSummary ShuffledControl, double ClassMeanDiagonal, double CentredMeanDiagonal, int FailedClasses, double Seconds)
{
    public IReadOnlyList<NegativeSetWeight> Weights { get; init; } = [];
    /// <summary>Mean over classes of r(AP_c, w_c), w_c the linear classifier's weight row (<see cref="LinearTemplates"/>).</summary>
    public double LinearDiagonal { get; init; } = double.NaN;
    public IReadOnlyList<NegativeSetWeight> UntrainedWeights { get; init; } = [];

    /// <summary>Mean over classes of r(AP_c, PNC_c) − r(AP_c, class mean_c): above 0 when the PNC explains the AP better than the class mean.</summary>
    public double PncOverClassMean => Summary.DiagonalMean - ClassMeanDiagonal;

    /// <summary>The same against the centred class mean, μ_c − m.</summary>
    public double PncOverCentredMean => Summary.DiagonalMean - CentredMeanDiagonal;

    public MatrixSummary Summary => MatrixSummary.Of(Matrix);
    public MatrixSummary UntrainedControl => MatrixSummary.Of(UntrainedMatrix);

    /// <summary>The paper shows a blank where the attack failed; a network counts when at least half its classes succeeded.</summary>
    public bool Succeeded => FailedClasses <= 5;
}
