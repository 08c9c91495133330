using System.Diagnostics;
using System.Globalization;
using System.Text;
using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Bench;

/// <summary>What the attack benchmark measures and how long each measurement should take.</summary>
public sealed record AttackBenchmarkOptions
{
    /// <summary>Batch sizes of the throughput grid (a).</summary>
    public IReadOnlyList<int> Batches { get; init; } = [1, 10, 100, 300, 1000];
    /// <summary>Wanted duration of one timed cell; iteration counts are chosen from a short probe to fit it.</summary>
    public double CellSeconds { get; init; } = 1.5;
    public NetworkSpec Fc { get; init; } = NetworkSpec.FcMnist;
    /// <summary>The CNN of the grid; the quick profile's (widths divided by 4) by default.</summary>
    public NetworkSpec Cnn { get; init; } = Profiles.Quick.Cnn(false);
    public int Seed { get; init; }
    public double LearningRate { get; init; } = 0.1;
    public double NoiseSigma { get; init; } = 0.3;
    /// <summary>AAI (adversarial average image) comparison (b): classes × ADEs per class, at this many iterations.</summary>
    public int AaiClasses { get; init; } = 10;
    public int AaiAdes { get; init; } = 30;
    public int AaiIterations { get; init; } = 100;
    /// <summary>Zero feed for every class of FC (c), and how many times it is repeated (the median is reported).</summary>
    public int ZeroFeedIterations { get; init; } = 1000;
    public int ZeroFeedRepeats { get; init; } = 3;
    public int TrainBatch { get; init; } = 32;
    public int MatmulSize { get; init; } = 1024;
    /// <summary>Intra-op thread counts compared in (f).</summary>
    public IReadOnlyList<int> ThreadCounts { get; init; } = [1, 2];

    public void Validate()
    {
        if (Batches.Count == 0 || Batches.Any(b => b < 1)) throw new ArgumentException("The benchmark needs positive batch sizes.");
        if (!(CellSeconds > 0) || CellSeconds > 600) throw new ArgumentOutOfRangeException(nameof(CellSeconds), $"A cell's duration must be in (0, 600] seconds (got {CellSeconds}).");
        if (AaiClasses < 1 || AaiAdes < 1 || AaiIterations < 1 || ZeroFeedIterations < 1 || ZeroFeedRepeats < 1 || TrainBatch < 1 || MatmulSize < 1)
            throw new ArgumentException("The benchmark's counts and sizes must be positive.");
        if (ThreadCounts.Count == 0 || ThreadCounts.Any(t => t < 1)) throw new ArgumentException("The thread counts must be positive.");
        if (Fc.Architecture != Architecture.Fc) throw new ArgumentException("The FC network of the benchmark must be fully connected.");
        if (Cnn.Architecture == Architecture.Fc) throw new ArgumentException("The CNN of the benchmark must be convolutional.");
        if (AaiClasses > Fc.ClassCount) throw new ArgumentException($"The FC network has {Fc.ClassCount} classes, fewer than the {AaiClasses} asked for.");
        Fc.Validate();
        Cnn.Validate();
    }
}

/// <summary>Where the benchmark is, for a progress bar.</summary>
public readonly record struct BenchProgress(string Stage, int Done, int Total);

/// <summary>One timed attack: <see cref="Iterations"/> steps on a batch of zero inputs.</summary>
public sealed record AttackCell(string Network, int Batch, int Iterations, int Threads, double Seconds, long SampleIterations)
{
    public double SampleIterationsPerSecond => SampleIterations / Seconds;
}

/// <summary>Training throughput: <see cref="Steps"/> optimizer steps of <see cref="Batch"/> random samples.</summary>
public sealed record TrainingCell(string Network, int Batch, int Steps, double Seconds)
{
    public double SamplesPerSecond => (double)Steps * Batch / Seconds;
}

/// <summary>A target of the brief beside what was measured.</summary>
public sealed record BenchTarget(string Name, string Threshold, double Measured, string Unit, bool Passed);

/// <summary>One line of the benchmark's table: a group letter (a–f), what, the value and how it was obtained.</summary>
public sealed record BenchRow(string Group, string Measurement, string Value, string Detail, string? Target = null, bool? Passed = null);

/// <summary>Everything the attack benchmark measured. Raw values; rounding happens only in <see cref="Rows"/> and <see cref="ToMarkdown"/>.</summary>
public sealed record AttackBenchmarkResult
{
    public required string Cpu { get; init; }
    public required int ProcessorCount { get; init; }
    /// <summary>The intra-op thread setting (a)–(e) ran under.</summary>
    public required int Threads { get; init; }
    public required string TorchSharp { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required double WallSeconds { get; init; }
    public required string FcDescription { get; init; }
    public required string CnnDescription { get; init; }

    /// <summary>(a) sample-iterations per second of the attack per network and batch size.</summary>
    public required IReadOnlyList<AttackCell> Throughput { get; init; }

    /// <summary>(b) the AAI of <see cref="AaiAdes"/> ADEs: one batch-1 run per ADE versus one batched run, same iterations.</summary>
    public required int AaiAdes { get; init; }
    public required int AaiIterations { get; init; }
    public required double AaiOneAtATimeSeconds { get; init; }
    public required double AaiBatchedSeconds { get; init; }
    public double AaiSpeedUp => AaiOneAtATimeSeconds / AaiBatchedSeconds;

    /// <summary>(c) zero feed for every class of FC: the median wall time of <see cref="ZeroFeedRuns"/>.</summary>
    public required int ZeroFeedClasses { get; init; }
    public required int ZeroFeedIterations { get; init; }
    public required IReadOnlyList<double> ZeroFeedRuns { get; init; }
    public double ZeroFeedSeconds => Median(ZeroFeedRuns);

    /// <summary>(d) training throughput on random data.</summary>
    public required IReadOnlyList<TrainingCell> Training { get; init; }

    /// <summary>(e) float32 n×n matmuls through libtorch, 2·n³ FLOPs each.</summary>
    public required int MatmulSize { get; init; }
    public required double MatmulFlopsPerSecond { get; init; }
    /// <summary>FLOPs of one FC forward pass per sample: 2 · Σ inputs·outputs over the layers.</summary>
    public required double FcForwardFlops { get; init; }
    /// <summary>
    /// FLOPs of one attack iteration in units of a forward pass: 2 (the forward pass and the backward pass to the input;
    /// the weights are frozen, so no weight gradients are computed).
    /// </summary>
    public required double AttackIterationForwardPasses { get; init; }
    /// <summary>The FC cell at batch ≥ 300 with the highest rate, and its achieved FLOP rate.</summary>
    public required AttackCell? BestLargeFcCell { get; init; }
    public double FcAttackFlopsPerSecond => BestLargeFcCell is { } c ? c.SampleIterationsPerSecond * FcForwardFlops * AttackIterationForwardPasses : double.NaN;
    public double FlopFraction => FcAttackFlopsPerSecond / MatmulFlopsPerSecond;

    /// <summary>(f) FC batch 100 and CNN batch 10 under each intra-op thread count.</summary>
    public required IReadOnlyList<AttackCell> ThreadComparison { get; init; }
    /// <summary>The thread count with the highest geometric-mean rate over the cells of (f).</summary>
    public required int FasterThreads { get; init; }

    public const double ZeroFeedTargetSeconds = 1.0;
    public const double AaiSpeedUpTarget = 20.0;
    public const double FlopFractionTarget = 0.30;

    public IReadOnlyList<BenchTarget> Targets =>
    [
        new($"zero feed, FC, {ZeroFeedClasses} classes, {ZeroFeedIterations} iterations", $"< {ZeroFeedTargetSeconds:0.#} s",
            ZeroFeedSeconds, "s", ZeroFeedSeconds < ZeroFeedTargetSeconds),
        new($"batched {AaiAdes}-ADE AAI versus one at a time ({AaiIterations} iterations)", $"≥ {AaiSpeedUpTarget:0}×",
            AaiSpeedUp, "×", AaiSpeedUp >= AaiSpeedUpTarget),
        new($"FC attack at batch ≥ 300, share of the matmul FLOP rate", $"≥ {FlopFractionTarget:P0}",
            FlopFraction, "", FlopFraction >= FlopFractionTarget),
    ];

    /// <summary>The table as strings, in the order (a)–(f).</summary>
    public IReadOnlyList<BenchRow> Rows()
    {
        var rows = new List<BenchRow>();
        foreach (var c in Throughput)
            rows.Add(new("a", $"attack {c.Network}, batch {c.Batch}", $"{Si(c.SampleIterationsPerSecond)} sample-it/s",
                $"{c.Iterations} iterations in {c.Seconds:0.00} s"));
        var t = Targets;
        rows.Add(new("b", $"AAI {AaiAdes} ADEs, one at a time", $"{AaiOneAtATimeSeconds:0.00} s", $"{AaiAdes} runs of batch 1, {AaiIterations} iterations each (fewer than the paper's 1,000)"));
        rows.Add(new("b", $"AAI {AaiAdes} ADEs, batched", $"{AaiBatchedSeconds:0.000} s", $"one run of batch {AaiAdes}, {AaiIterations} iterations"));
        rows.Add(new("b", "AAI speed-up", $"{AaiSpeedUp:0.0}×", "one at a time ÷ batched", t[1].Threshold, t[1].Passed));
        rows.Add(new("c", $"zero feed FC, {ZeroFeedClasses} classes", $"{ZeroFeedSeconds:0.000} s",
            $"{ZeroFeedIterations} iterations, batch {ZeroFeedClasses}; median of {ZeroFeedRuns.Count} ({string.Join(", ", ZeroFeedRuns.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} s)",
            t[0].Threshold, t[0].Passed));
        foreach (var c in Training)
            rows.Add(new("d", $"training {c.Network}", $"{Si(c.SamplesPerSecond)} samples/s", $"{c.Steps} SGD steps of batch {c.Batch}, random data, {c.Seconds:0.00} s"));
        rows.Add(new("e", $"matmul {MatmulSize}×{MatmulSize} float32", $"{MatmulFlopsPerSecond / 1e9:0.0} GFLOP/s", $"2·n³ FLOPs per product, {Threads} thread(s)"));
        if (BestLargeFcCell is { } best)
            rows.Add(new("e", $"attack FC, batch {best.Batch}", $"{FcAttackFlopsPerSecond / 1e9:0.0} GFLOP/s = {FlopFraction:P0}",
                $"{FcForwardFlops / 1e3:0.#} kFLOP per forward × {AttackIterationForwardPasses:0} (forward + input gradient; weights frozen); with the brief's 3× it reads {FlopFraction * 3 / AttackIterationForwardPasses:P0}",
                t[2].Threshold, t[2].Passed));
        foreach (var c in ThreadComparison)
            rows.Add(new("f", $"attack {c.Network}, batch {c.Batch}, {c.Threads} thread(s)", $"{Si(c.SampleIterationsPerSecond)} sample-it/s",
                $"{c.Iterations} iterations in {c.Seconds:0.00} s"));
        rows.Add(new("f", "faster intra-op thread count", FasterThreads.ToString(CultureInfo.InvariantCulture),
            $"geometric mean of the (f) rates; {ProcessorCount} logical processor(s)"));
        return rows;
    }

    /// <summary>A markdown report: environment, the table, the targets.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Attack benchmark").AppendLine();
        sb.AppendLine($"- CPU: {Cpu} ({ProcessorCount} logical processors)");
        sb.AppendLine($"- intra-op threads for (a)–(e): {Threads}; TorchSharp {TorchSharp}; device: CPU");
        sb.AppendLine($"- FC: {FcDescription}");
        sb.AppendLine($"- CNN: {CnnDescription}");
        sb.AppendLine($"- networks untrained (seeded); attack inputs are zero images except the AAI (noise, σ as in the profile)");
        sb.AppendLine($"- date: {Date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}; benchmark wall time {WallSeconds:0} s").AppendLine();
        sb.AppendLine("| | measurement | value | how | target | pass |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in Rows())
            sb.AppendLine($"| {r.Group} | {Cell(r.Measurement)} | {Cell(r.Value)} | {Cell(r.Detail)} | {Cell(r.Target ?? "")} | {(r.Passed is { } p ? (p ? "pass" : "FAIL") : "")} |");
        sb.AppendLine().AppendLine("## Targets").AppendLine();
        foreach (var t in Targets)
            sb.AppendLine($"- {t.Name}: {Format(t)} (target {t.Threshold}) — {(t.Passed ? "pass" : "FAIL")}");
        return sb.ToString();
    }

    public static string Format(BenchTarget t) => t.Unit switch
    {
        "s" => $"{t.Measured:0.000} s",
        "×" => $"{t.Measured:0.0}×",
        _ => t.Measured.ToString("P0", CultureInfo.InvariantCulture),
    };

    static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>1234567 → "1.23 M".</summary>
    public static string Si(double v) => v switch
    {
        >= 1e9 => $"{v / 1e9:0.00} G",
        >= 1e6 => $"{v / 1e6:0.00} M",
        >= 1e3 => $"{v / 1e3:0.00} k",
        _ => $"{v:0.0}",
    };

    static double Median(IReadOnlyList<double> v)
    {
        if (v.Count == 0) return double.NaN;
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

/// <summary>
/// Measures the attack's speed on the CPU: throughput over batch sizes, batched versus one-at-a-time AAI, the zero feed
/// of all classes, training throughput, the machine's matmul FLOP rate and the attack's share of it, and intra-op
/// threads. Networks are untrained but seeded (speed does not depend on the weights). No console I/O: progress goes to
/// the optional <see cref="IProgress{T}"/>; the caller prints and saves the result.
/// </summary>
public sealed class AttackBenchmark(AttackBenchmarkOptions? options = null)
{
    readonly AttackBenchmarkOptions _o = options ?? new AttackBenchmarkOptions();

    public AttackBenchmarkResult Run(IProgress<BenchProgress>? progress = null, CancellationToken cancel = default)
    {
        _o.Validate();
        if (TorchRuntime.IntraOpThreads < 1) TorchRuntime.Configure(torch.get_num_threads());
        int threads = TorchRuntime.IntraOpThreads;
        var wall = Stopwatch.StartNew();
        int total = 2 * _o.Batches.Count + 2 + 1 + 2 + 1 + 2 * _o.ThreadCounts.Count;
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
        double fcForward = 0;
        for (int i = 0; i + 1 < _o.Fc.FcLayers.Count; i++) fcForward += 2.0 * _o.Fc.FcLayers[i] * _o.Fc.FcLayers[i + 1];
        var bestLarge = grid.Where(c => c.Network == "FC" && c.Batch >= 300).MaxBy(c => c.SampleIterationsPerSecond);

        // (f) intra-op threads.
        var threadCells = new List<AttackCell>();
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
        };
    }

    /// <summary>Times the attack on a batch of zero images, with an iteration count chosen to take about <see cref="AttackBenchmarkOptions.CellSeconds"/>.</summary>
    AttackCell MeasureAttack(string name, nn.Module<Tensor, Tensor> model, NetworkSpec spec, int batch, CancellationToken cancel)
    {
        RunAttack(model, spec, batch, 1, cancel); // warm-up: allocations, first-call dispatch
        var probe = RunAttack(model, spec, batch, 3, cancel);
        int k = IterationsFor(probe.Seconds, 3);
        var (seconds, sampleIterations) = RunAttack(model, spec, batch, k, cancel);
        // A noisy probe (the machine may be shared) can make the cell much shorter than asked: measure again, rescaled.
        for (int retry = 0; retry < 2 && seconds < 0.6 * _o.CellSeconds; retry++)
        {
            k = IterationsFor(seconds, k);
            (seconds, sampleIterations) = RunAttack(model, spec, batch, k, cancel);
        }
        return new AttackCell(name, batch, k, TorchRuntime.IntraOpThreads, seconds, sampleIterations);
    }

    int IterationsFor(double seconds, int iterations) =>
        (int)Math.Clamp(_o.CellSeconds / Math.Max(seconds / iterations, 1e-6), 2, 1_000_000);

    (double Seconds, long SampleIterations) RunAttack(nn.Module<Tensor, Tensor> model, NetworkSpec spec, int batch, int iterations, CancellationToken cancel)
    {
        var attack = new InputGradientAttack(model, spec.ClassCount,
            new AttackSettings { LearningRate = _o.LearningRate, Stop = StopCondition.Iterations(iterations) });
        var targets = Enumerable.Range(0, batch).Select(i => i % spec.ClassCount).ToArray();
        using var scope = NewDisposeScope();
        var x = zeros(batch, 1, spec.InputHeight, spec.InputWidth);
        var watch = Stopwatch.StartNew();
        var result = attack.Run(x, targets, cancel: cancel);
        return (watch.Elapsed.TotalSeconds, result.SampleIterations);
    }

    TrainingCell MeasureTraining(string name, NetworkSpec spec, CancellationToken cancel)
    {
        const int pool = 1024;
        using var scope = NewDisposeScope();
        using var model = Trainer.CreateSeeded(spec, _o.Seed);
        model.train();
        using var gen = new Generator((ulong)_o.Seed);
        var x = rand([pool, 1, spec.InputHeight, spec.InputWidth], generator: gen);
        var rng = new Random(_o.Seed);
        var y = tensor(Enumerable.Range(0, pool).Select(_ => (long)rng.Next(spec.ClassCount)).ToArray());
        using var optimizer = optim.SGD(model.parameters(), 0.01);
        int b = _o.TrainBatch, slices = pool / b;

        double Steps(int n)
        {
            var watch = Stopwatch.StartNew();
            for (int s = 0; s < n; s++)
            {
                cancel.ThrowIfCancellationRequested();
                using var inner = NewDisposeScope();
                int at = s % slices * b;
                var logits = model.forward(x.narrow(0, at, b));
                var loss = nn.functional.cross_entropy(logits, y.narrow(0, at, b));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            return watch.Elapsed.TotalSeconds;
        }

        Steps(3); // warm-up
        double perStep = Math.Max(Steps(10) / 10, 1e-6);
        int steps = (int)Math.Clamp(_o.CellSeconds / perStep, 50, 100_000);
        return new TrainingCell(name, b, steps, Steps(steps));
    }

    double MeasureMatmul(CancellationToken cancel)
    {
        int n = _o.MatmulSize;
        using var scope = NewDisposeScope();
        using var gen = new Generator((ulong)_o.Seed);
        var a = randn([n, n], generator: gen);
        var b = randn([n, n], generator: gen);
        double Products(int count)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                cancel.ThrowIfCancellationRequested();
                using var c = a.mm(b);
            }
            return watch.Elapsed.TotalSeconds;
        }
        Products(2); // warm-up
        double per = Math.Max(Products(2) / 2, 1e-6);
        int count = (int)Math.Clamp(_o.CellSeconds / per, 3, 100_000);
        double seconds = Products(count);
        return count * 2.0 * n * n * n / seconds;
    }

    static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
