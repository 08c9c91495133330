using Repro.Experiments.Attacks;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// The attack loop of <see cref="InputGradientAttack"/> as it was before the lean step (issue 24), kept verbatim as the
/// reference the lean loop must match bit for bit (<see cref="LeanAttackStepTests"/>) and as the "before" of its timing.
/// </summary>
internal sealed class ReferenceInputGradientAttack(nn.Module<Tensor, Tensor> model, int classCount, AttackSettings settings, IInputGradient? gradient = null)
{
    private readonly nn.Module<Tensor, Tensor> _model = model;
    private readonly int _classCount = classCount;

    public AttackSettings Settings { get; } = settings;
    public IInputGradient Gradient { get; } = gradient ?? new AutogradInputGradient(model);

    public AttackBatchResult Run(Tensor initial, IReadOnlyList<int> targets, IProgress<AttackProgress>? progress = null, CancellationToken cancel = default) =>
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
            var oneHot = nn.functional.one_hot(target, _classCount).to(ScalarType.Float32);
            // Held for the whole loop: a Scalar made per call can be freed by the GC while libtorch reads it.
            using var lr = ((float)Settings.LearningRate).ToScalar();
            // The stop conditions as float32, the precision the loss and confidence are compared in.
            var maxLoss = stops.Select(s => (float)(s.MaxLoss ?? double.NegativeInfinity)).ToArray();
            var minConf = stops.Select(s => (float)(s.MinConfidence ?? double.PositiveInfinity)).ToArray();
            var maxIter = stops.Select(s => (long)s.MaxIterations).ToArray();
            var untilPredicted = stops.Select(s => s.UntilPredicted).ToArray();
            // The per-sample bookkeeping lives in arrays, not tensors: on small batches a dozen tiny tensor ops per step
            // cost more than the network itself. Only the active mask goes back to the device, and only when it changes.
            var reason = new StopReason[batch];
            var iters = new long[batch];
            var finalLoss = Enumerable.Repeat(float.NaN, (int)batch).ToArray();
            var finalConf = Enumerable.Repeat(float.NaN, (int)batch).ToArray();
            var finalPred = Enumerable.Repeat(-1L, (int)batch).ToArray();
            Tensor? stillActive = null, frozenRows = null;
            try
            {
                int step = 0;
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var xg = x.detach().requires_grad_(true);
                    var logits = Gradient.Logits(xg);
                    var loss = SampleLoss(logits, target, oneHot);
                    float[] lossOf, confOf;
                    long[] predOf;
                    bool[] finiteOf;
                    using (no_grad())
                    {
                        lossOf = loss.detach().cpu().data<float>().ToArray();
                        confOf = logits.softmax(1).gather(1, target.unsqueeze(1)).squeeze(1).cpu().data<float>().ToArray();
                        predOf = logits.argmax(1).cpu().data<long>().ToArray();
                        finiteOf = loss.isfinite().logical_and(xg.flatten(1).isfinite().all(1)).cpu().data<bool>().ToArray();
                    }
                    // The disjunction, checked before each step; the first matching reason wins in this order.
                    bool changed = stillActive is null;
                    int activeCount = 0;
                    for (int i = 0; i < batch; i++)
                    {
                        if (reason[i] != StopReason.Running) continue;
                        var r = !finiteOf[i] ? StopReason.Diverged
                            : lossOf[i] <= maxLoss[i] ? StopReason.Loss
                            : confOf[i] >= minConf[i] ? StopReason.Confidence
                            : untilPredicted[i] && predOf[i] == targets[i] ? StopReason.Predicted
                            : iters[i] >= maxIter[i] ? StopReason.MaxIterations
                            : StopReason.Running;
                        if (r == StopReason.Running) { activeCount++; continue; }
                        reason[i] = r;
                        finalLoss[i] = lossOf[i];
                        finalConf[i] = confOf[i];
                        finalPred[i] = predOf[i];
                        changed = true;
                    }
                    progress?.Report(new AttackProgress(step, maxSteps, activeCount, (int)batch));
                    if (activeCount == 0) break;
                    if (changed)
                    {
                        stillActive?.Dispose();
                        frozenRows?.Dispose();
                        var active = reason.Select(r => r == StopReason.Running).ToArray();
                        stillActive = tensor(active, device: device).DetachFromDisposeScope();
                        frozenRows = tensor(active.Select(a => !a).ToArray(), device: device).view(-1, 1, 1, 1).DetachFromDisposeScope();
                    }

                    var grad = Gradient.Gradient(xg, loss, stillActive!,
                        (l, rows) => SampleLoss(l, target.index_select(0, rows), oneHot.index_select(0, rows)));
                    using (no_grad())
                    {
                        // Frozen samples get a zero step. Zeroed by masked_fill,
                        // not multiplied by a 0/1 mask: a diverged sample's gradient is NaN, and NaN·0 = NaN.
                        x.sub_(grad.masked_fill(frozenRows!, HeldScalars.Zero).mul_(lr));
                    }
                    for (int i = 0; i < batch; i++)
                        if (reason[i] == StopReason.Running) iters[i]++;
                    step++;
                }

                var examples = new AdversarialExample[batch];
                long pixels = x.shape[1] * x.shape[2] * x.shape[3];
                var init = initial.detach().cpu().flatten().data<float>().ToArray();
                var fin = x.cpu().flatten().data<float>().ToArray();
                for (int i = 0; i < batch; i++)
                {
                    examples[i] = new AdversarialExample(
                        targets[i],
                        init.AsSpan((int)(i * pixels), (int)pixels).ToArray(),
                        fin.AsSpan((int)(i * pixels), (int)pixels).ToArray(),
                        (int)iters[i], finalLoss[i], finalConf[i], (int)finalPred[i], reason[i]);
                }
                return new AttackBatchResult(examples, step, watch.Elapsed.TotalSeconds);
            }
            finally
            {
                stillActive?.Dispose();
                frozenRows?.Dispose();
            }
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
        AttackLoss.MeanSquaredError => logits.softmax(1).sub(oneHot).pow(HeldScalars.Two).mean([1]),
        AttackLoss.SummedSquaredError => logits.softmax(1).sub(oneHot).pow(HeldScalars.Two).sum([1]),
        _ => throw new ArgumentOutOfRangeException(nameof(Settings.Loss)),
    };
}
