using System.Numerics;
using System.Runtime.InteropServices;
using Repro.Experiments.Runtime;
using TorchSharp;
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
    /// <summary>The network attacked (its weights are frozen during a run and restored after).</summary>
    public nn.Module<Tensor, Tensor> Model => _model;
    public int ClassCount => _classCount;
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
    /// <param name="from">The same batch's examples from a shorter run of this attack that stopped on iterations alone: the loop
    /// goes on from their final inputs and counts (a sample stopped by its iteration limit runs on; one that stopped otherwise
    /// stays as it was), so the examples are those of the longer run, bit for bit: each step reads only the inputs, and the
    /// decisions before it are the ones the longer run makes at that step. Null: start from <paramref name="initial"/>.</param>
    public AttackBatchResult Run(Tensor initial, IReadOnlyList<int> targets, IReadOnlyList<StopCondition> stops,
        IProgress<AttackProgress>? progress = null, CancellationToken cancel = default, IReadOnlyList<AdversarialExample>? from = null)
    {
        if (initial.dim() != 4) throw new ArgumentException($"The initial inputs must be [batch, 1, height, width]; got [{string.Join(", ", initial.shape)}].");
        long batch = initial.shape[0];
        if (batch < 1) throw new ArgumentException("The batch is empty.");
        if (targets.Count != batch || stops.Count != batch) throw new ArgumentException($"{batch} inputs but {targets.Count} targets and {stops.Count} stop conditions.");
        foreach (var t in targets)
            if (t < 0 || t >= _classCount) throw new ArgumentOutOfRangeException(nameof(targets), $"Target class {t} is outside 0..{_classCount - 1}.");
        foreach (var s in stops) s.Validate();
        if (from is not null)
        {
            if (from.Count != batch) throw new ArgumentException($"{batch} inputs but {from.Count} examples to go on from.");
            for (int i = 0; i < batch; i++)
                if (from[i].Iterations > stops[i].MaxIterations || from[i].StoppedBy is not (StopReason.MaxIterations or StopReason.Diverged))
                    throw new ArgumentException($"Sample {i} cannot go on: it stopped by {from[i].StoppedBy} after {from[i].Iterations} iterations, against a limit of {stops[i].MaxIterations}.");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var device = initial.device;
        bool onCpu = device.type == DeviceType.CPU;
        bool wasTraining = _model.training;
        var frozen = _model.parameters().Where(p => p.requires_grad).ToList();
        _model.eval();
        foreach (var p in frozen) p.requires_grad = false;
        try
        {
            using var outer = NewDisposeScope();
            int maxSteps = stops.Max(s => s.MaxIterations);
            // One leaf for the whole loop, stepped in place under no_grad: no detach and requires_grad_ per step.
            // Cloned either way: a tensor made from a managed array lives in the array's memory, aligned otherwise than
            // libtorch's own, and the CPU kernels then take other paths (seen: last bits of a continued attack differed).
            var x = (from is null ? initial.detach().clone()
                : tensor(from.SelectMany(e => e.Final).ToArray(), initial.shape, device: device).clone()).requires_grad_(true);
            var target = tensor(targets.Select(t => (long)t).ToArray(), device: device);
            var oneHot = nn.functional.one_hot(target, _classCount).to(ScalarType.Float32);
            SampleLossOf lossOfRows = (l, rows) => SampleLoss(l, target.index_select(0, rows), oneHot.index_select(0, rows));
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
            var lossOf = new float[batch];
            var confOf = new float[batch];
            var predOf = new long[batch];
            var xFinite = new bool[batch];
            var stopping = new List<int>((int)batch);
            if (from is not null)
                for (int i = 0; i < batch; i++)
                {
                    iters[i] = from[i].Iterations;
                    if (from[i].StoppedBy == StopReason.MaxIterations) continue;
                    (reason[i], finalLoss[i], finalConf[i], finalPred[i]) = (from[i].StoppedBy, (float)from[i].Loss, (float)from[i].TargetConfidence, from[i].PredictedLabel);
                }
            long pixels = x.shape[1] * x.shape[2] * x.shape[3];
            // The confidence and the prediction cross to the host only while a running sample's rule reads them, or when a
            // sample stops (its record keeps them). Both come from the same logits whenever they are read, so the bits agree.
            bool readConf = true, readPred = true;
            Tensor? stillActive = null, frozenRows = null;
            try
            {
                int step = 0;
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var logits = Gradient.Logits(x);
                    var loss = SampleLoss(logits, target, oneHot);
                    // The loss is read every step: the divergence rule needs it whatever the stop condition.
                    ReadFloats(loss, lossOf, onCpu);
                    bool confRead = readConf, predRead = readPred;
                    if (confRead) ReadConfidence(logits, target, targets, confOf, onCpu);
                    if (predRead) ReadPrediction(logits, predOf, onCpu);
                    // The disjunction, checked before each step; the first matching reason wins in this order. Without the
                    // confidence read, no running sample has a confidence threshold (+∞, which a softmax never reaches), so
                    // skipping the comparison changes no decision; the prediction likewise behind UntilPredicted.
                    bool changed = stillActive is null;
                    int activeCount = 0;
                    stopping.Clear();
                    FiniteRows(x, pixels, reason, xFinite, onCpu);
                    for (int i = 0; i < batch; i++)
                    {
                        if (reason[i] != StopReason.Running) continue;
                        var r = !(float.IsFinite(lossOf[i]) && xFinite[i]) ? StopReason.Diverged
                            : lossOf[i] <= maxLoss[i] ? StopReason.Loss
                            : confRead && confOf[i] >= minConf[i] ? StopReason.Confidence
                            : untilPredicted[i] && predOf[i] == targets[i] ? StopReason.Predicted
                            : iters[i] >= maxIter[i] ? StopReason.MaxIterations
                            : StopReason.Running;
                        if (r == StopReason.Running) { activeCount++; continue; }
                        reason[i] = r;
                        stopping.Add(i);
                        changed = true;
                    }
                    if (stopping.Count > 0)
                    {
                        if (!confRead) ReadConfidence(logits, target, targets, confOf, onCpu);
                        if (!predRead) ReadPrediction(logits, predOf, onCpu);
                        foreach (int i in stopping)
                        {
                            finalLoss[i] = lossOf[i];
                            finalConf[i] = confOf[i];
                            finalPred[i] = predOf[i];
                        }
                    }
                    progress?.Report(new AttackProgress(step, maxSteps, activeCount, (int)batch));
                    if (activeCount == 0) break;
                    if (changed)
                    {
                        stillActive?.Dispose();
                        frozenRows?.Dispose();
                        var active = reason.Select(r => r == StopReason.Running).ToArray();
                        stillActive = tensor(active, device: device).DetachFromDisposeScope();
                        frozenRows = activeCount < batch ? tensor(active.Select(a => !a).ToArray(), device: device).view(-1, 1, 1, 1).DetachFromDisposeScope() : null;
                        readConf = Enumerable.Range(0, (int)batch).Any(i => reason[i] == StopReason.Running && float.IsFinite(minConf[i]));
                        readPred = Enumerable.Range(0, (int)batch).Any(i => reason[i] == StopReason.Running && untilPredicted[i]);
                    }

                    var grad = Gradient.Gradient(x, loss, stillActive!, lossOfRows);
                    using (no_grad())
                    {
                        // Frozen samples get a zero step. Zeroed by masked_fill, not multiplied by a 0/1 mask: a diverged
                        // sample's gradient is NaN, and NaN·0 = NaN. In place on the gradient, which the step owns; with
                        // every sample running there is nothing to zero.
                        if (frozenRows is not null) grad.masked_fill_(frozenRows, HeldScalars.Zero);
                        x.sub_(grad.mul_(lr));
                    }
                    for (int i = 0; i < batch; i++)
                        if (reason[i] == StopReason.Running) iters[i]++;
                    step++;
                }

                var examples = new AdversarialExample[batch];
                var init = initial.detach().cpu().flatten().data<float>().ToArray();
                var fin = x.detach().cpu().flatten().data<float>().ToArray();
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

    /// <summary>A float32 tensor's values into <paramref name="into"/>: straight from its memory when it is a dense CPU tensor (no op, no copy on the libtorch side).</summary>
    private static void ReadFloats(Tensor t, float[] into, bool onCpu)
    {
        if (onCpu && t.is_contiguous()) MemoryMarshal.Cast<byte, float>(t.bytes).CopyTo(into);
        else t.detach().cpu().contiguous().data<float>().CopyTo(into, 0);
    }

    /// <summary>Each sample's softmax probability of its target: the softmax as before, the gather done on the host (a copy of the same bits).</summary>
    private static void ReadConfidence(Tensor logits, Tensor target, IReadOnlyList<int> targets, float[] into, bool onCpu)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = logits.softmax(1);
        if (!onCpu || !p.is_contiguous())
        {
            p.gather(1, target.unsqueeze(1)).squeeze(1).cpu().data<float>().CopyTo(into, 0);
            return;
        }
        var v = MemoryMarshal.Cast<byte, float>(p.bytes);
        int classes = (int)p.shape[1];
        for (int i = 0; i < into.Length; i++) into[i] = v[i * classes + targets[i]];
    }

    private static void ReadPrediction(Tensor logits, long[] into, bool onCpu)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var a = logits.argmax(1);
        if (onCpu && a.is_contiguous()) MemoryMarshal.Cast<byte, long>(a.bytes).CopyTo(into);
        else a.cpu().data<long>().CopyTo(into, 0);
    }

    /// <summary>Whether each running sample's input is all finite (the divergence rule), read on the host: on the CPU straight from the input's memory.</summary>
    private static void FiniteRows(Tensor x, long pixels, StopReason[] reason, bool[] into, bool onCpu)
    {
        float[]? copy = onCpu && x.is_contiguous() ? null : x.detach().cpu().contiguous().flatten().data<float>().ToArray();
        ReadOnlySpan<float> all = copy is null ? MemoryMarshal.Cast<byte, float>(x.bytes) : copy;
        for (int i = 0; i < into.Length; i++)
            into[i] = reason[i] != StopReason.Running || AllFinite(all.Slice((int)(i * pixels), (int)pixels));
    }

    /// <summary>No NaN or ±∞: a float is finite exactly when its exponent bits are not all set.</summary>
    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, int>(values);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var exponent = new Vector<int>(0x7F800000);
            for (; i + Vector<int>.Count <= bits.Length; i += Vector<int>.Count)
                if (Vector.EqualsAny(new Vector<int>(bits.Slice(i)) & exponent, exponent)) return false;
        }
        for (; i < bits.Length; i++)
            if ((bits[i] & 0x7F800000) == 0x7F800000) return false;
        return true;
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
