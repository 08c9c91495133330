using static TorchSharp.torch;

namespace Repro.Experiments.Attacks;

/// <summary>
/// The gradient-based attack of §2.1 (Szegedy et al., 2013): gradient descent on the input with the
/// weights frozen, towards a one-hot target, no constraint on the input's appearance. Batched: every
/// sample has its own target and stop condition; a stopped sample is frozen while the others go on. The gradient comes
/// from a source: autograd through the network by default, or an estimate from its outputs alone (<see cref="IInputGradient"/>).
/// </summary>
public sealed class InputGradientAttack
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly int _classCount;

    public AttackSettings Settings { get; }
    /// <summary>Where the loop gets ∇ₓ loss, and how many images it has passed through the network.</summary>
    public IInputGradient Gradient { get; }

    /// <param name="gradient">The gradient source; null: autograd through <paramref name="model"/> (the white box).</param>
    public InputGradientAttack(nn.Module<Tensor, Tensor> model, int classCount, AttackSettings settings, IInputGradient? gradient = null)
    {
        settings.Validate();
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), $"A classifier needs at least two classes (got {classCount}).");
        _model = model;
        _classCount = classCount;
        Settings = settings;
        Gradient = gradient ?? new AutogradInputGradient(model);
    }

    public override string ToString() => Gradient is AutogradInputGradient ? $"InputGradientAttack({Settings})" : $"InputGradientAttack({Settings}, {Gradient.GetType().Name})";

    /// <summary>Attack a batch [B, 1, H, W] towards targets[B] under the settings' stop condition.</summary>
    public AttackBatchResult Run(Tensor initial, IReadOnlyList<int> targets,
        IProgress<AttackProgress>? progress = null, CancellationToken cancel = default) =>
        Run(initial, targets, Enumerable.Repeat(Settings.Stop, targets.Count).ToArray(), progress, cancel);

    /// <summary>Attack a batch with a stop condition per sample (several settings in one tensor).</summary>
    public AttackBatchResult Run(Tensor initial, IReadOnlyList<int> targets, IReadOnlyList<StopCondition> stops,
        IProgress<AttackProgress>? progress = null, CancellationToken cancel = default)
    {
        if (initial.dim() != 4) throw new ArgumentException($"The initial inputs must be [batch, 1, height, width]; got [{string.Join(", ", initial.shape)}].");
        long batch = initial.shape[0];
        if (batch < 1) throw new ArgumentException("The batch is empty.");
        if (targets.Count != batch || stops.Count != batch) throw new ArgumentException($"{batch} inputs but {targets.Count} targets and {stops.Count} stop conditions.");
        foreach (var t in targets)
            if (t < 0 || t >= _classCount) throw new ArgumentOutOfRangeException(nameof(targets), $"Target class {t} is outside 0..{_classCount - 1}.");
        foreach (var s in stops) s.Validate();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var device = initial.device;
        bool wasTraining = _model.training;
        var frozen = _model.parameters().Where(p => p.requires_grad).ToList();
        _model.eval();
        foreach (var p in frozen) p.requires_grad = false;
        try
        {
            using var outer = NewDisposeScope();
            int maxSteps = stops.Max(s => s.MaxIterations);
            var x = initial.detach().clone();
            var target = tensor(targets.Select(t => (long)t).ToArray(), device: device);
            var maxLoss = tensor(stops.Select(s => (float)(s.MaxLoss ?? double.NegativeInfinity)).ToArray(), device: device);
            var minConf = tensor(stops.Select(s => (float)(s.MinConfidence ?? double.PositiveInfinity)).ToArray(), device: device);
            var maxIter = tensor(stops.Select(s => (long)s.MaxIterations).ToArray(), device: device);
            var reason = zeros(batch, ScalarType.Int64, device);   // StopReason per sample
            var iters = zeros(batch, ScalarType.Int64, device);
            var finalLoss = full(batch, float.NaN, device: device);
            var finalConf = full(batch, float.NaN, device: device);
            var finalPred = full(batch, -1L, ScalarType.Int64, device: device);
            var oneHot = nn.functional.one_hot(target, _classCount).to(ScalarType.Float32);
            var lr = (float)Settings.LearningRate;

            int step = 0;
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var xg = x.detach().requires_grad_(true);
                var logits = Gradient.Logits(xg);
                var loss = SampleLoss(logits, target, oneHot);
                Tensor confidence, predicted, finite;
                using (no_grad())
                {
                    confidence = logits.softmax(1).gather(1, target.unsqueeze(1)).squeeze(1);
                    predicted = logits.argmax(1);
                    finite = loss.isfinite().logical_and(xg.flatten(1).isfinite().all(1));
                }
                var active = reason.eq(0);
                // The disjunction, checked before each step; the first matching reason wins in this order.
                var byDiverged = active.logical_and(finite.logical_not());
                var okActive = active.logical_and(finite);
                var byLoss = okActive.logical_and(loss.detach().le(maxLoss));
                var byConf = okActive.logical_and(byLoss.logical_not()).logical_and(confidence.ge(minConf));
                var byIter = okActive.logical_and(byLoss.logical_not()).logical_and(byConf.logical_not()).logical_and(iters.ge(maxIter));
                var stopping = byDiverged.logical_or(byLoss).logical_or(byConf).logical_or(byIter);
                reason.masked_fill_(byDiverged, (long)StopReason.Diverged);
                reason.masked_fill_(byLoss, (long)StopReason.Loss);
                reason.masked_fill_(byConf, (long)StopReason.Confidence);
                reason.masked_fill_(byIter, (long)StopReason.MaxIterations);
                finalLoss.copy_(where(stopping, loss.detach(), finalLoss));
                finalConf.copy_(where(stopping, confidence, finalConf));
                finalPred.copy_(where(stopping, predicted, finalPred));

                var stillActive = reason.eq(0);
                int activeCount = (int)stillActive.sum().item<long>();
                progress?.Report(new AttackProgress(step, maxSteps, activeCount, (int)batch));
                if (activeCount == 0) break;

                var grad = Gradient.Gradient(xg, loss, stillActive,
                    (l, rows) => SampleLoss(l, target.index_select(0, rows), oneHot.index_select(0, rows)));
                using (no_grad())
                {
                    // Frozen samples get a zero step. Zeroed by masked_fill,
                    // not multiplied by a 0/1 mask: a diverged sample's gradient is NaN, and NaN·0 = NaN.
                    var frozenRows = stillActive.logical_not().view(-1, 1, 1, 1);
                    x.sub_(grad.masked_fill(frozenRows, 0).mul_(lr));
                    iters.add_(stillActive.to(ScalarType.Int64));
                }
                step++;
            }

            var examples = new AdversarialExample[batch];
            long pixels = x.shape[1] * x.shape[2] * x.shape[3];
            var init = initial.detach().cpu().flatten().data<float>().ToArray();
            var fin = x.cpu().flatten().data<float>().ToArray();
            var it = iters.cpu().data<long>().ToArray();
            var rs = reason.cpu().data<long>().ToArray();
            var fl = finalLoss.cpu().data<float>().ToArray();
            var fc = finalConf.cpu().data<float>().ToArray();
            var fp = finalPred.cpu().data<long>().ToArray();
            for (int i = 0; i < batch; i++)
            {
                examples[i] = new AdversarialExample(
                    targets[i],
                    init.AsSpan((int)(i * pixels), (int)pixels).ToArray(),
                    fin.AsSpan((int)(i * pixels), (int)pixels).ToArray(),
                    (int)it[i], fl[i], fc[i], (int)fp[i], (StopReason)rs[i]);
            }
            return new AttackBatchResult(examples, step, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var p in frozen) p.requires_grad = true;
            _model.train(wasTraining);
        }
    }

    private Tensor SampleLoss(Tensor logits, Tensor target, Tensor oneHot) => Settings.Loss switch
    {
        AttackLoss.CrossEntropy => nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.None),
        // Mean over classes of (softmax − one-hot)², as Keras' mean_squared_error.
        AttackLoss.MeanSquaredError => logits.softmax(1).sub(oneHot).square().mean([1]),
        AttackLoss.SummedSquaredError => logits.softmax(1).sub(oneHot).square().sum([1]),
        _ => throw new ArgumentOutOfRangeException(nameof(Settings.Loss)),
    };
}
