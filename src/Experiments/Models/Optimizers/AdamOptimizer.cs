using Repro.Experiments.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Experiments.Models.Optimizers;

/// <summary>
/// Adam (Kingma and Ba 2015) as TorchSharp 0.107's <c>optim.Adam</c> without weight decay or AMSGrad:
/// <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>, <c>θ ← θ − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε)</c>.
/// </summary>
public sealed class AdamOptimizer : HeldScalarOptimizer
{
    private readonly Tensor[] _m, _v;
    private readonly Scalar _beta1, _beta2, _oneMinusBeta1, _oneMinusBeta2, _epsilon;
    private readonly long[] _steps;

    /// <param name="beta2">0.999 as in Keras and PyTorch (and TorchSharp's Adam class).</param>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        if (beta1 < 0 || beta1 >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must be in [0, 1).");
        if (beta2 < 0 || beta2 >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must be in [0, 1).");
        (Beta1, Beta2, Epsilon) = (beta1, beta2, epsilon);
        _m = Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _v = Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _steps = new long[Parameters.Count];
        _beta1 = beta1.ToScalar();
        _beta2 = beta2.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _epsilon = epsilon.ToScalar();
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        // A step count per parameter, as TorchSharp keeps it: a parameter without a gradient is not stepped.
        long t = ++_steps[index];
        double biasCorrection1 = 1 - Math.Pow(Beta1, t);
        double biasCorrection2 = 1 - Math.Pow(Beta2, t);
        _m[index].mul_(_beta1).add_(grad, _oneMinusBeta1);
        _v[index].mul_(_beta2).addcmul_(grad, grad.conj(), _oneMinusBeta2);
        using var sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        var denominator = _v[index].sqrt().div(sqrtBiasCorrection2).add_(_epsilon, HeldScalars.One);
        using var minusStepSize = (-LearningRate / biasCorrection1).ToScalar();
        parameter.addcdiv_(_m[index], denominator, minusStepSize);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var t in _m.Concat(_v)) t.Dispose();
        foreach (var s in new[] { _beta1, _beta2, _oneMinusBeta1, _oneMinusBeta2, _epsilon }) s.Dispose();
    }
}
