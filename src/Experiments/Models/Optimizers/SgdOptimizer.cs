using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Experiments.Models.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional heavy-ball momentum, as TorchSharp 0.107's <c>optim.SGD</c>
/// without dampening, weight decay or Nesterov: <c>b ← μ·b + g</c> (b = g on the first step), <c>θ ← θ − lr·b</c>.
/// </summary>
public sealed class SgdOptimizer : HeldScalarOptimizer
{
    private readonly Tensor?[] _buffers;
    private readonly Scalar _minusLearningRate;
    private readonly Scalar? _momentum;

    public SgdOptimizer(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0)
        : base(parameters, learningRate)
    {
        if (momentum < 0 || momentum >= 1) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        Momentum = momentum;
        _buffers = new Tensor?[Parameters.Count];
        _minusLearningRate = (-learningRate).ToScalar();
        if (momentum != 0) _momentum = momentum.ToScalar();
    }

    public double Momentum { get; }

    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        if (_momentum is not null)
        {
            if (_buffers[index] is not { } buffer)
                _buffers[index] = buffer = grad.clone().detach().DetachFromDisposeScope();
            else
                // TorchSharp's alpha here is 1 − dampening with dampening 0: the double 1.
                buffer.mul_(_momentum).add_(grad, HeldDoubleOne);
            grad = buffer;
        }
        parameter.add_(grad, _minusLearningRate);
    }

    private static readonly Scalar HeldDoubleOne = 1.0.ToScalar();

    protected override void Dispose(bool disposing)
    {
        foreach (var b in _buffers) b?.Dispose();
        _minusLearningRate.Dispose();
        _momentum?.Dispose();
    }
}
