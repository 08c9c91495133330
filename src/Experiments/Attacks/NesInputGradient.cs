using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Attacks;

/// <summary>
/// A gradient-free black box: the network is only ever asked for its softmax outputs, and ∇ₓ loss is estimated from them by
/// NES-style antithetic Gaussian sampling (Ilyas et al., 2018): with N pairs of directions uⱼ ~ N(0, I),
/// ĝ = Σⱼ [L(x + σuⱼ) − L(x − σuⱼ)] uⱼ / (2Nσ), an unbiased estimate of the gradient of the σ-smoothed loss.
/// Every image passed through the network counts as one query; the 2N perturbed images of all active samples go as one batch.
/// The directions come from one seeded generator on the CPU, so a run is the same on every device.
/// </summary>
public sealed class NesInputGradient : IInputGradient, IDisposable
{
    /// <summary>Probabilities are floored here before the log, so a class the network rules out gives a finite loss.</summary>
    public const double ProbabilityFloor = 1e-30;
    /// <summary>10 antithetic pairs per image and step, directions of σ = 0.01 in pixel units: a few minutes' budget on the CPU for an FC network (C8).</summary>
    public const int DefaultSamplesPerStep = 20;
    public const double DefaultSigma = 0.01;

    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Generator _generator;
    // Held for the estimator's life: a Scalar made per call can be freed by the GC while libtorch reads it.
    private readonly Scalar _sigma, _probabilityFloor;
    private long _queries;

    /// <param name="samplesPerStep">Queries per image and step for the estimate: samplesPerStep / 2 antithetic pairs (even, ≥ 2).</param>
    /// <param name="sigma">Standard deviation of the sampling directions, in pixel units.</param>
    public NesInputGradient(nn.Module<Tensor, Tensor> model, int samplesPerStep, double sigma, int seed)
    {
        if (samplesPerStep < 2 || samplesPerStep % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(samplesPerStep), $"Antithetic sampling needs an even number of queries per step, at least 2 (got {samplesPerStep}).");
        if (!(sigma > 0) || double.IsInfinity(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), $"The sampling σ must be positive (got {sigma}).");
        _model = model;
        SamplesPerStep = samplesPerStep;
        Sigma = sigma;
        _generator = new Generator((ulong)seed);
        _sigma = sigma.ToScalar();
        _probabilityFloor = ProbabilityFloor.ToScalar();
    }

    public int SamplesPerStep { get; }
    public double Sigma { get; }
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>The black box's only answer: log of its softmax outputs, without autograd.</summary>
    public Tensor Logits(Tensor x)
    {
        Interlocked.Add(ref _queries, x.shape[0]);
        using var noGrad = no_grad();
        return _model.forward(x.detach()).softmax(1).clamp_min(_probabilityFloor).log();
    }

    public Tensor Gradient(Tensor x, Tensor loss, Tensor active, SampleLossOf lossOf)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var gradient = zeros_like(x);
        var rows = active.nonzero().flatten();
        long a = rows.shape[0];
        if (a == 0) return gradient.MoveToOuterDisposeScope();
        long pairs = SamplesPerStep / 2;
        var shape = x.shape.Skip(1).ToArray();
        var u = randn([a, pairs, .. shape], generator: _generator).to(x.device);
        var centre = x.detach().index_select(0, rows).unsqueeze(1);
        var step = u.mul(_sigma);
        // [a, 2·pairs, …]: the pairs' + directions, then their − directions; row r's queries are consecutive.
        var queries = cat([centre.add(step, HeldScalars.One), centre.sub(step)], 1).reshape([a * 2 * pairs, .. shape]);
        var losses = lossOf(Logits(queries), rows.repeat_interleave(2 * pairs)).view(a, 2, pairs);
        using var divisor = (2 * pairs * Sigma).ToScalar();
        var difference = losses.select(1, 0).sub(losses.select(1, 1));
        var estimate = difference.view([a, pairs, .. shape.Select(_ => 1L)]).mul(u).sum(1).div(divisor);
        gradient.index_copy_(0, rows, estimate);
        return gradient.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _generator.Dispose();
        _sigma.Dispose();
        _probabilityFloor.Dispose();
    }
}
