using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Experiments.Models.Optimizers;

/// <summary>
/// An optimizer whose steps hold every Scalar they hand to libtorch.
/// </summary>
/// <remarks>
/// Why not TorchSharp's optim.SGD and optim.Adam: their steps convert numbers to Scalars inline
/// (<c>add_(grad, alpha: 1 - beta1)</c>), and a garbage collection on another thread can free such a Scalar
/// while libtorch reads it ("Unknown scalar type", or an update with a wrong number). Subclasses repeat
/// TorchSharp 0.107's arithmetic op for op, so the weights are the same bit for bit
/// (tests/Unit/Engine/HeldScalarOptimizerTests.cs).
/// </remarks>
public abstract class HeldScalarOptimizer : IDisposable
{
    protected HeldScalarOptimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        if (!(learningRate > 0)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive.");
        Parameters = parameters.ToArray();
        LearningRate = learningRate;
    }

    /// <summary>The optimizer for a training specification's kind.</summary>
    public static HeldScalarOptimizer For(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate, double momentum) => kind switch
    {
        OptimizerKind.Sgd => new SgdOptimizer(parameters, learningRate, momentum),
        OptimizerKind.Adam => new AdamOptimizer(parameters, learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };

    protected IReadOnlyList<Parameter> Parameters { get; }
    public double LearningRate { get; }

    /// <summary>Zeroes the gradients in place, as TorchSharp's <c>zero_grad</c> does.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < Parameters.Count; i++)
        {
            var grad = Parameters[i].grad;
            if (grad is null) continue;
            Update(i, Parameters[i], grad);
        }
    }

    /// <summary>Updates parameter <paramref name="index"/> in place from its gradient.</summary>
    protected abstract void Update(int index, Parameter parameter, Tensor grad);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}
