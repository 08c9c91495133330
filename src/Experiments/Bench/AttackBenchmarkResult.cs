using System.Globalization;
using System.Text;

namespace Repro.Experiments.Bench;

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

    /// <summary>
    /// (g) the CNN's evaluation forward over a 1,000-image block, whole or in the training loop's chunks, and its
    /// training step with NCHW or channels-last convolution weights, under each thread count of (f).
    /// </summary>
    public IReadOnlyList<LayoutCell> Layouts { get; init; } = [];

    /// <summary>
    /// (h) the wall time of one attack step at a small batch (C2's six-image feeds), FC and CNN, one thread; empty in
    /// results written before it was measured.
    /// </summary>
    public IReadOnlyList<AttackCell> SmallBatchSteps { get; init; } = [];
    /// <summary>(i) k networks attacked one after another against the same attacks on the k networks stacked, under each thread count.</summary>
    public IReadOnlyList<StackedAttackCell> StackedAttacks { get; init; } = [];
    /// <summary>(j) a CNN attack step layer by layer, one thread; empty in results written before it was measured.</summary>
    public IReadOnlyList<AttackStepLayerCell> StepLayers { get; init; } = [];

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

    /// <summary>The table as strings, in the order (a)–(j).</summary>
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
        foreach (var c in Layouts)
        {
            // Against the first row of the same kind, threads and chunk (one change at a time); that row itself against the
            // first of its kind and threads (the chunk's effect).
            var sameChunk = Layouts.First(b => b.What == c.What && b.Threads == c.Threads && b.Chunk == c.Chunk);
            var first = Layouts.First(b => b.What == c.What && b.Threads == c.Threads);
            var (baseline, label) = ReferenceEquals(sameChunk, c) ? (first, $"the first {c.What} row") : (sameChunk, $"the {sameChunk.Layout} row at {sameChunk.Chunk} per pass");
            string ratio = ReferenceEquals(baseline, c) ? "" : $"; {c.ImagesPerSecond / baseline.ImagesPerSecond:0.00}× {label}";
            rows.Add(new("g", $"CNN {c.What}, {c.Layout}, {c.Chunk} per pass, {c.Threads} thread(s)", $"{Si(c.ImagesPerSecond)} images/s",
                $"{c.Images} images in {c.Seconds:0.00} s{ratio}"));
        }
        foreach (var c in SmallBatchSteps)
            rows.Add(new("h", $"attack step {c.Network}, batch {c.Batch}", $"{c.MicrosecondsPerStep:0.0} µs/step",
                $"{c.Iterations} steps in {c.Seconds:0.00} s, {c.Threads} thread(s)"));
        foreach (var c in StackedAttacks)
            rows.Add(new("i", $"attack {c.Network}, {c.Networks} networks × batch {c.Batch} stacked, {c.Threads} thread(s)", $"{c.SpeedUp:0.00}×",
                $"{c.Iterations} iterations: {c.SeparateSeconds:0.00} s one network after another, {c.StackedSeconds:0.00} s stacked; final images differ by ≤ {c.LargestRelativeDifference:0.0e0} of their largest magnitude"));
        foreach (var c in StepLayers)
            rows.Add(new("j", $"attack step {c.Network}, batch {c.Batch}, {c.Layer} ({c.InputShape})", $"{c.StepMicroseconds:0} µs = {(c.ShareOfStep * 100).ToString("0", CultureInfo.InvariantCulture)} %",
                $"forward {c.ForwardMicroseconds:0} µs, with its input's gradient {c.StepMicroseconds:0} µs ({c.Iterations} times); the whole step {c.WholeStepMicroseconds:0} µs, 1 thread"));
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
        sb.AppendLine($"- networks untrained (seeded); attack inputs are zero images except the AAI (noise, σ as in the profile) and (i) and (j) (uniform noise in [0, 1))");
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
