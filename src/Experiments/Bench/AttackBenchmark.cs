using System.Diagnostics;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Models.Optimizers;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Bench;

/// <summary>
/// Measures the attack's speed on the CPU: throughput over batch sizes, batched versus one-at-a-time AAI, the zero feed
/// of all classes, training throughput, the machine's matmul FLOP rate and the attack's share of it, and intra-op
/// threads. Networks are untrained but seeded (speed does not depend on the weights). No console I/O: progress goes to
/// the optional <see cref="IProgress{T}"/>; the caller prints and saves the result.
/// </summary>
public sealed class AttackBenchmark(AttackBenchmarkOptions options)
{
    readonly AttackBenchmarkOptions _o = options;

    public AttackBenchmarkResult Run(IProgress<BenchProgress>? progress = null, CancellationToken cancel = default)
    {
        _o.Validate();
        if (TorchRuntime.IntraOpThreads < 1) TorchRuntime.Configure(torch.get_num_threads());
        int threads = TorchRuntime.IntraOpThreads;
        var wall = Stopwatch.StartNew();
        int total = 2 * _o.Batches.Count + 3 + 1 + 2 + 1 + 2 * _o.ThreadCounts.Count + _o.ThreadCounts.Count + 2
            + 2 * _o.StackedNetworks.Count * _o.ThreadCounts.Count + 2;
        int done = 0;
        void Step(string stage) { cancel.ThrowIfCancellationRequested(); progress?.Report(new BenchProgress(stage, done++, total)); }

        using var fc = Trainer.CreateSeeded(_o.Fc, _o.Seed);
        using var cnn = Trainer.CreateSeeded(_o.Cnn, _o.Seed);
        fc.eval();
        cnn.eval();
        var nets = new[] { (Name: "FC", Model: fc, Spec: _o.Fc), (Name: "CNN", Model: cnn, Spec: _o.Cnn) };

        // (a) throughput grid.
        var grid = new List<AttackCell>();
        foreach (var (name, model, spec) in nets)
            foreach (var b in _o.Batches)
            {
                Step($"attack {name}, batch {b}");
                grid.Add(MeasureAttack(name, model, spec, b, cancel));
            }

        // (h) the step time at a small batch, where per-call overhead, not arithmetic, sets the pace.
        var smallBatch = new List<AttackCell>();
        foreach (var (name, model, spec) in nets)
        {
            Step($"attack step {name}, batch {_o.SmallBatch}");
            smallBatch.Add(MeasureAttack(name, model, spec, _o.SmallBatch, cancel));
        }
        using (var libtorchPool = LibtorchMaxPoolCopy(cnn, _o.Cnn))
        {
            Step($"attack step CNN with libtorch's NCHW max-pool, batch {_o.SmallBatch}");
            smallBatch.Add(MeasureAttack(LibtorchPoolName, libtorchPool, _o.Cnn, _o.SmallBatch, cancel));
        }

        // (b) AAI: one batch-1 run per ADE versus one batch of all ADEs, through the real recipe.
        Step($"AAI one at a time ({_o.AaiClasses * _o.AaiAdes} runs of batch 1)");
        var aaiStop = StopCondition.Iterations(_o.AaiIterations);
        var aaiRequests = Enumerable.Range(0, _o.AaiClasses)
            .Select(c => new PerturbationRequest($"AAI class {c}", Feed.AdversarialAverage, c, _o.AaiAdes, aaiStop)).ToList();
        var attackFc = new InputGradientAttack(fc, _o.Fc.ClassCount, new AttackSettings { LearningRate = _o.LearningRate, Stop = aaiStop });
        int aaiTotal = _o.AaiClasses * _o.AaiAdes;
        double oneAtATime = Time(() => new PerturbationRunner(attackFc, _o.Fc.InputHeight, _o.Fc.InputWidth, _o.NoiseSigma, maxBatch: 1)
            .Run(aaiRequests, _o.Seed, CPU, cancel: cancel));
        Step($"AAI batched (one batch of {aaiTotal})");
        double batched = Time(() => new PerturbationRunner(attackFc, _o.Fc.InputHeight, _o.Fc.InputWidth, _o.NoiseSigma, maxBatch: aaiTotal)
            .Run(aaiRequests, _o.Seed, CPU, cancel: cancel));

        // (c) zero feed for every class of FC.
        Step($"zero feed FC, {_o.Fc.ClassCount} classes");
        var zeroStop = StopCondition.Iterations(_o.ZeroFeedIterations);
        var zeroRequests = Enumerable.Range(0, _o.Fc.ClassCount)
            .Select(c => new PerturbationRequest($"zero feed class {c}", Feed.Zero, c, 1, zeroStop)).ToList();
        var zeroRunner = new PerturbationRunner(attackFc, _o.Fc.InputHeight, _o.Fc.InputWidth, _o.NoiseSigma);
        var zeroRuns = Enumerable.Range(0, _o.ZeroFeedRepeats).Select(_ => Time(() => zeroRunner.Run(zeroRequests, _o.Seed, CPU, cancel: cancel))).ToList();

        // (d) training throughput.
        var training = new List<TrainingCell>();
        foreach (var (name, _, spec) in nets)
        {
            Step($"training {name}");
            training.Add(MeasureTraining(name, spec, cancel));
        }

        // (e) matmul FLOP rate.
        Step($"matmul {_o.MatmulSize}×{_o.MatmulSize}");
        double matmul = MeasureMatmul(cancel);
        double fcForward = FlopCount.Forward(_o.Fc);
        var bestLarge = grid.Where(c => c.Network == "FC" && c.Batch >= 300).MaxBy(c => c.SampleIterationsPerSecond);

        // (f) intra-op threads.
        var threadCells = new List<AttackCell>();
        var layoutCells = new List<LayoutCell>();
        var stackedCells = new List<StackedAttackCell>();
        var stepLayers = new List<AttackStepLayerCell>();
        try
        {
            foreach (var n in _o.ThreadCounts)
            {
                TorchRuntime.Configure(n);
                Step($"FC batch 100 with {n} thread(s)");
                threadCells.Add(MeasureAttack("FC", fc, _o.Fc, 100, cancel));
                Step($"CNN batch 10 with {n} thread(s)");
                threadCells.Add(MeasureAttack("CNN", cnn, _o.Cnn, 10, cancel));
            }
            // (i) attacks batched across networks, under each thread count.
            foreach (var n in _o.ThreadCounts)
            {
                TorchRuntime.Configure(n);
                foreach (var (name, spec, batch) in new[] { ("FC", _o.Fc, _o.StackedFcBatch), ("CNN", _o.Cnn, _o.StackedCnnBatch) })
                    foreach (var k in _o.StackedNetworks)
                    {
                        Step($"attack {name}, {k} networks × batch {batch} stacked, {n} thread(s)");
                        stackedCells.Add(MeasureStacked(name, spec, k, batch, cancel));
                    }
            }
            // (j) a CNN attack step layer by layer, one thread (as the run's jobs), with and without batch norm.
            TorchRuntime.Configure(1);
            foreach (var (name, spec) in new[] { ("CNN", _o.Cnn), ("CNN-BN", _o.Cnn with { Architecture = Architecture.CnnBatchNorm }) })
            {
                Step($"attack step of {name} by layer, batch {_o.LayerBatch}");
                using var net = (ConvNet)Trainer.CreateSeeded(spec, _o.Seed);
                net.eval();
                stepLayers.AddRange(MeasureLayers(name, net, spec, _o.LayerBatch, cancel));
            }
            // (g) CNN evaluation chunks and memory layout, under each thread count.
            foreach (var n in _o.ThreadCounts)
            {
                TorchRuntime.Configure(n);
                Step($"CNN evaluation and layouts with {n} thread(s)");
                layoutCells.AddRange(MeasureLayouts(cnn, _o.Cnn, n, cancel));
            }
        }
        finally
        {
            TorchRuntime.Configure(threads);
        }
        int faster = threadCells.GroupBy(c => c.Threads)
            .MaxBy(g => g.Average(c => Math.Log(c.SampleIterationsPerSecond)))!.Key;
        progress?.Report(new BenchProgress("done", total, total));

        return new AttackBenchmarkResult
        {
            Cpu = Runtime.MachineInfo.CpuName(),
            ProcessorCount = Environment.ProcessorCount,
            Threads = threads,
            TorchSharp = TorchRuntime.TorchSharpVersion,
            Date = DateTimeOffset.UtcNow,
            WallSeconds = wall.Elapsed.TotalSeconds,
            FcDescription = $"layers {string.Join("-", _o.Fc.FcLayers)}",
            CnnDescription = $"convolutions {string.Join(", ", _o.Cnn.ConvChannels)} ({_o.Cnn.KernelSize}x{_o.Cnn.KernelSize}, padding {_o.Cnn.Padding}, max-pool {_o.Cnn.PoolSize}); dense {string.Join(", ", _o.Cnn.DenseLayers)}",
            Throughput = grid,
            AaiAdes = aaiTotal,
            AaiIterations = _o.AaiIterations,
            AaiOneAtATimeSeconds = oneAtATime,
            AaiBatchedSeconds = batched,
            ZeroFeedClasses = _o.Fc.ClassCount,
            ZeroFeedIterations = _o.ZeroFeedIterations,
            ZeroFeedRuns = zeroRuns,
            Training = training,
            MatmulSize = _o.MatmulSize,
            MatmulFlopsPerSecond = matmul,
            FcForwardFlops = fcForward,
            AttackIterationForwardPasses = 2,
            BestLargeFcCell = bestLarge,
            ThreadComparison = threadCells,
            FasterThreads = faster,
            Layouts = layoutCells,
            SmallBatchSteps = smallBatch,
            StackedAttacks = stackedCells,
            StepLayers = stepLayers,
        };
    }

    /// <summary>
    /// (i) k seeded networks attacked one after another, <paramref name="batch"/> noise images each,
    /// against one attack of the k networks stacked, with the same images, targets and iterations (enough for about a cell's
    /// time one after another).
    /// </summary>
    StackedAttackCell MeasureStacked(string name, NetworkSpec spec, int k, int batch, CancellationToken cancel)
    {
        using var scope = NewDisposeScope();
        var nets = Enumerable.Range(0, k).Select(j => Trainer.CreateSeeded(spec, _o.Seed + j)).ToList();
        try
        {
            foreach (var net in nets) net.eval();
            using var stacked = new StackedNetworks(spec, nets);
            using var gen = new Generator((ulong)_o.Seed);
            var images = rand([k * batch, 1, spec.InputHeight, spec.InputWidth], generator: gen);
            var targets = Enumerable.Range(0, k * batch).Select(i => i % spec.ClassCount).ToArray();
            AttackBatchResult Attack(nn.Module<Tensor, Tensor> model, Tensor x, int[] t, int iterations) =>
                new InputGradientAttack(model, spec.ClassCount, new AttackSettings { LearningRate = _o.LearningRate, Stop = StopCondition.Iterations(iterations) })
                    .Run(x, t, cancel: cancel);
            (double Seconds, float[] Final) Separate(int iterations)
            {
                var watch = Stopwatch.StartNew();
                var finals = new List<float>();
                for (int j = 0; j < k; j++)
                    finals.AddRange(Attack(nets[j], images.narrow(0, j * batch, batch), targets[(j * batch)..((j + 1) * batch)], iterations).Examples.SelectMany(e => e.Final));
                return (watch.Elapsed.TotalSeconds, finals.ToArray());
            }
            Separate(2); // warm-up
            Attack(stacked, images, targets, 2);
            int n = IterationsFor(Separate(5).Seconds, 5);
            var (separateSeconds, separateFinal) = Separate(n);
            var watch = Stopwatch.StartNew();
            var stackedFinal = Attack(stacked, images, targets, n).Examples.SelectMany(e => e.Final).ToArray();
            double stackedSeconds = watch.Elapsed.TotalSeconds;
            double scale = separateFinal.Max(v => Math.Abs((double)v));
            double largest = separateFinal.Zip(stackedFinal).Max(p => Math.Abs((double)p.First - p.Second));
            return new StackedAttackCell(name, k, batch, TorchRuntime.IntraOpThreads, n, separateSeconds, stackedSeconds, largest / scale);
        }
        finally
        {
            foreach (var net in nets) net.Dispose();
        }
    }

    /// <summary>
    /// (j) the attack step of a CNN layer by layer, one thread: each layer's forward, and its forward with its input's gradient,
    /// on its real input for a batch of noise images, beside one step of the attack loop itself on the same images. Shows
    /// which layers hold a step that the stage table can only count in FLOPs.
    /// </summary>
    List<AttackStepLayerCell> MeasureLayers(string name, ConvNet model, NetworkSpec spec, int batch, CancellationToken cancel)
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator((ulong)_o.Seed);
        var images = rand([batch, 1, spec.InputHeight, spec.InputWidth], generator: gen);
        double whole = MeasureAttack(name, model, spec, batch, cancel, images).MicrosecondsPerStep;
        var cells = new List<AttackStepLayerCell>();
        var frozen = model.parameters().Where(p => p.requires_grad).ToList();
        foreach (var p in frozen) p.requires_grad = false;
        try
        {
            var h = images;
            // The network's layers in order: the children of its feature extractor, then of its classifier.
            var layers = ((nn.Module)model).named_modules().Where(m => m.name.Count(c => c == '.') == 1).ToList();
            foreach (var (layerName, module) in layers)
            {
                cancel.ThrowIfCancellationRequested();
                var layer = (nn.Module<Tensor, Tensor>)module;
                var input = h.detach().requires_grad_(true);
                // A sixteenth of a cell each: a step's layers together take about a cell.
                (double Microseconds, int Count) Micro(Action step)
                {
                    step();
                    var probe = Stopwatch.StartNew();
                    for (int i = 0; i < 3; i++) { using var s = NewDisposeScope(); step(); }
                    int n = IterationsFor(probe.Elapsed.TotalSeconds, 3) / 16 + 2;
                    var watch = Stopwatch.StartNew();
                    for (int i = 0; i < n; i++) { using var s = NewDisposeScope(); step(); }
                    return (watch.Elapsed.TotalSeconds / n * 1e6, n);
                }
                var (forward, _) = Micro(() => layer.forward(input));
                // The output's gradient is made once: the attack's backward receives it from the layer above, it does not fill it.
                var seed = ones_like(layer.forward(input).detach());
                var (step, count) = Micro(() =>
                {
                    var output = layer.forward(input);
                    torch.autograd.grad([output], [input], [seed]);
                });
                cells.Add(new AttackStepLayerCell(name, layerName, string.Join("×", input.shape), batch, count, forward, step, whole));
                h = layer.forward(input).detach();
            }
        }
        finally
        {
            foreach (var p in frozen) p.requires_grad = true;
        }
        return cells;
    }

    /// <summary>The name of the rows measured with nn.MaxPool2d, libtorch's NCHW kernel, in place of <see cref="LayoutMaxPool2d"/>.</summary>
    public const string LibtorchPoolName = "CNN, libtorch's NCHW max-pool";

    /// <summary>The same CNN, weights and all, pooling with nn.MaxPool2d (what the project ran before <see cref="LayoutMaxPool2d"/>).</summary>
    static ConvNet LibtorchMaxPoolCopy(nn.Module<Tensor, Tensor> model, NetworkSpec spec)
    {
        var copy = new ConvNet(spec, libtorchMaxPool: true);
        copy.load_state_dict(model.state_dict());
        copy.train(model.training);
        return copy;
    }

    /// <summary>Times the attack on a batch of zero images, with an iteration count chosen to take about <see cref="AttackBenchmarkOptions.CellSeconds"/>.</summary>
    /// <param name="initial">The images attacked; null: zero images.</param>
    AttackCell MeasureAttack(string name, nn.Module<Tensor, Tensor> model, NetworkSpec spec, int batch, CancellationToken cancel, Tensor? initial = null)
    {
        RunAttack(model, spec, batch, 1, cancel, initial); // warm-up: allocations, first-call dispatch
        var probe = RunAttack(model, spec, batch, 3, cancel, initial);
        int k = IterationsFor(probe.Seconds, 3);
        var (seconds, sampleIterations) = RunAttack(model, spec, batch, k, cancel, initial);
        // A noisy probe (the machine may be shared) can make the cell much shorter than asked: measure again, rescaled.
        for (int retry = 0; retry < 2 && seconds < 0.6 * _o.CellSeconds; retry++)
        {
            k = IterationsFor(seconds, k);
            (seconds, sampleIterations) = RunAttack(model, spec, batch, k, cancel, initial);
        }
        return new AttackCell(name, batch, k, TorchRuntime.IntraOpThreads, seconds, sampleIterations);
    }

    int IterationsFor(double seconds, int iterations) =>
        (int)Math.Clamp(_o.CellSeconds / Math.Max(seconds / iterations, 1e-6), 2, 1_000_000);

    (double Seconds, long SampleIterations) RunAttack(nn.Module<Tensor, Tensor> model, NetworkSpec spec, int batch, int iterations, CancellationToken cancel, Tensor? initial = null)
    {
        var attack = new InputGradientAttack(model, spec.ClassCount,
            new AttackSettings { LearningRate = _o.LearningRate, Stop = StopCondition.Iterations(iterations) });
        var targets = Enumerable.Range(0, batch).Select(i => i % spec.ClassCount).ToArray();
        using var scope = NewDisposeScope();
        var x = initial ?? zeros(batch, 1, spec.InputHeight, spec.InputWidth);
        var watch = Stopwatch.StartNew();
        var result = attack.Run(x, targets, cancel: cancel);
        return (watch.Elapsed.TotalSeconds, result.SampleIterations);
    }

    TrainingCell MeasureTraining(string name, NetworkSpec spec, CancellationToken cancel)
    {
        const int pool = 1024;
        using var scope = NewDisposeScope();
        using var gen = new Generator((ulong)_o.Seed);
        var x = rand([pool, 1, spec.InputHeight, spec.InputWidth], generator: gen);
        var rng = new Random(_o.Seed);
        var y = tensor(Enumerable.Range(0, pool).Select(_ => (long)rng.Next(spec.ClassCount)).ToArray());
        var (steps, seconds) = TrainSteps(spec, x, y, channelsLast: false, cancel);
        return new TrainingCell(name, _o.TrainBatch, steps, seconds);
    }

    /// <summary>
    /// (g) The CNN's evaluation forward over one 1,000-image block, whole and in <see cref="Evaluator.EvaluationChunk"/>
    /// chunks, and in chunks with libtorch's NCHW max-pool (nn.MaxPool2d) in place of <see cref="LayoutMaxPool2d"/>; then a
    /// training step at the training batch with NCHW and with channels-last convolution weights, and with libtorch's max-pool.
    /// </summary>
    /// <remarks>
    /// TorchSharp 0.107 has no memory-format argument, so channels-last is made by strides: each convolution's weight
    /// becomes an NHWC copy viewed as NCHW, which libtorch's convolutions take as channels-last, and their outputs follow.
    /// The input is left alone: with one channel, NCHW and NHWC are the same bytes and the same strides.
    /// </remarks>
    List<LayoutCell> MeasureLayouts(nn.Module<Tensor, Tensor> model, NetworkSpec spec, int threads, CancellationToken cancel)
    {
        const int block = 1000;
        var cells = new List<LayoutCell>();
        using var scope = NewDisposeScope();
        using var gen = new Generator((ulong)_o.Seed);
        var x = rand([block, 1, spec.InputHeight, spec.InputWidth], generator: gen);
        var y = randint(0, spec.ClassCount, [block], generator: gen);
        int chunk = Evaluator.EvaluationChunk(spec);
        foreach (var c in new[] { block, chunk })
        {
            cancel.ThrowIfCancellationRequested();
            Evaluator.Evaluate(model, x.narrow(0, 0, 100), y.narrow(0, 0, 100), chunk: c); // warm-up
            var watch = Stopwatch.StartNew();
            Evaluator.Evaluate(model, x, y, chunk: c);
            cells.Add(new LayoutCell("evaluate", "NCHW", c, threads, block, watch.Elapsed.TotalSeconds));
        }
        using (var libtorchPool = LibtorchMaxPoolCopy(model, spec))
        {
            cancel.ThrowIfCancellationRequested();
            Evaluator.Evaluate(libtorchPool, x.narrow(0, 0, 100), y.narrow(0, 0, 100), chunk: chunk); // warm-up
            var watch = Stopwatch.StartNew();
            Evaluator.Evaluate(libtorchPool, x, y, chunk: chunk);
            cells.Add(new LayoutCell("evaluate", "NCHW, libtorch's NCHW max-pool", chunk, threads, block, watch.Elapsed.TotalSeconds));
        }
        foreach (var (channelsLast, libtorchPool) in new[] { (false, false), (true, false), (false, true) })
        {
            cancel.ThrowIfCancellationRequested();
            var (steps, seconds) = TrainSteps(spec, x, y, channelsLast, cancel, libtorchPool);
            string layout = channelsLast ? "channels-last weights" : libtorchPool ? "NCHW, libtorch's NCHW max-pool" : "NCHW";
            cells.Add(new LayoutCell("train", layout, _o.TrainBatch, threads, (long)steps * _o.TrainBatch, seconds));
        }
        return cells;
    }

    /// <summary>SGD steps of the training batch over <paramref name="x"/> for about a cell's time (at least 50), after a warm-up.</summary>
    (int Steps, double Seconds) TrainSteps(NetworkSpec spec, Tensor x, Tensor y, bool channelsLast, CancellationToken cancel, bool libtorchPool = false)
    {
        using var scope = NewDisposeScope();
        using var seeded = Trainer.CreateSeeded(spec, _o.Seed);
        using var copy = libtorchPool ? LibtorchMaxPoolCopy(seeded, spec) : null;
        var model = copy ?? seeded;
        if (channelsLast)
            using (no_grad())
                foreach (var conv in model.modules().OfType<TorchSharp.Modules.Conv2d>())
                {
                    conv.weight = new TorchSharp.Modules.Parameter(conv.weight.detach().permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));
                    // Channels innermost (stride 1) wherever there is more than one: else this row would measure NCHW twice.
                    if (conv.weight.shape[1] > 1 && conv.weight.stride()[1] != 1)
                        throw new InvalidOperationException($"Bench (g): a convolution weight of shape [{string.Join(", ", conv.weight.shape)}] did not become channels-last.");
                }
        model.train();
        using var optimizer = new SgdOptimizer(model.parameters(), 0.01);
        int b = _o.TrainBatch, slices = (int)(x.shape[0] / b);
        double Steps(int n)
        {
            var watch = Stopwatch.StartNew();
            for (int s = 0; s < n; s++)
            {
                cancel.ThrowIfCancellationRequested();
                using var inner = NewDisposeScope();
                int at = s % slices * b;
                var loss = nn.functional.cross_entropy(model.forward(x.narrow(0, at, b)), y.narrow(0, at, b));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
            }
            return watch.Elapsed.TotalSeconds;
        }
        Steps(3); // warm-up
        int steps = (int)Math.Clamp(_o.CellSeconds / Math.Max(Steps(10) / 10, 1e-6), 50, 100_000);
        return (steps, Steps(steps));
    }

    /// <summary>The matmul rate at the current intra-op thread count: the stage table's probe, with this benchmark's size and cell time.</summary>
    double MeasureMatmul(CancellationToken cancel) =>
        MatmulProbe.Measure([Math.Max(TorchRuntime.IntraOpThreads, 1)], _o.MatmulSize, _o.CellSeconds, cancel)[0].FlopsPerSecond;

    static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
