using System.Diagnostics;
using System.Runtime.InteropServices;
using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// The lean attack step (issue 24) against the loop it replaced (<see cref="ReferenceInputGradientAttack"/>): every pixel of
/// every adversarial example, every step count, stop reason, final loss, confidence and prediction, and every progress
/// report the same bits, on the FC and the quick CNN, zero and noise feeds, small and larger batches, and stop rules of
/// each kind, alone and mixed within one batch.
/// </summary>
public sealed class LeanAttackStepTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var net in new[] { "FC", "CNN" })
            foreach (var feed in new[] { "zero", "noise" })
                foreach (int batch in new[] { 6, 23 })
                    foreach (var stop in new[] { "iterations", "loss", "confidence", "predicted", "mixed" })
                        data.Add(net, feed, batch, stop);
        return data;
    }

    /// <summary>Large enough that the untrained networks' small gradients reach the thresholds within the test's iterations.</summary>
    static double LearningRate(string net) => net == "FC" ? 40 : 60;

    static NetworkSpec Spec(string net) => net == "FC" ? NetworkSpec.FcMnist : Profiles.Quick.Cnn(false);

    static Tensor Feed(NetworkSpec spec, string feed, int batch, int seed)
    {
        if (feed == "zero") return zeros(batch, 1, spec.InputHeight, spec.InputWidth);
        using var gen = new Generator((ulong)seed);
        using var sigma = 0.3.ToScalar();
        return randn([batch, 1, spec.InputHeight, spec.InputWidth], generator: gen).mul_(sigma);
    }

    /// <summary>Per sample: the loss and confidence thresholds are reached by some samples within the iteration limit, not all.</summary>
    static StopCondition[] Stops(string kind, int batch, int iterations) => Enumerable.Range(0, batch).Select(i => kind switch
    {
        "iterations" => StopCondition.Iterations(iterations + i % 3),
        "loss" => new StopCondition(MaxLoss: 0.05 + 0.4 * (i % 4), MaxIterations: iterations),
        "confidence" => new StopCondition(MinConfidence: 0.5 + 0.15 * (i % 3), MaxIterations: iterations),
        "predicted" => StopCondition.FirstPrediction(iterations),
        "mixed" => (i % 5) switch
        {
            0 => StopCondition.Iterations(iterations / 2),
            1 => new StopCondition(MaxLoss: 0.3, MaxIterations: iterations),
            2 => new StopCondition(MinConfidence: 0.9, MaxIterations: iterations),
            3 => StopCondition.FirstPrediction(iterations),
            _ => new StopCondition(MaxLoss: 0.01, MinConfidence: 0.99, MaxIterations: iterations, UntilPredicted: false),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    }).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_network_feed_batch_and_stop_rule_When_the_lean_loop_runs_Then_it_matches_the_old_loop_bit_for_bit(string net, string feed, int batch, string stop)
    {
        using var scope = NewDisposeScope();
        var spec = Spec(net);
        using var model = Trainer.CreateSeeded(spec, seed: 3);
        int iterations = net == "FC" ? 60 : 15;
        var settings = new AttackSettings { LearningRate = LearningRate(net) };
        var targets = Enumerable.Range(0, batch).Select(i => (i * 7 + 3) % spec.ClassCount).ToArray();
        var stops = Stops(stop, batch, iterations);
        var x = Feed(spec, feed, batch, seed: 11);

        var (before, beforeProgress) = Run(p => new ReferenceInputGradientAttack(model, spec.ClassCount, settings).Run(x, targets, stops, p));
        var (after, afterProgress) = Run(p => new InputGradientAttack(model, spec.ClassCount, settings).Run(x, targets, stops, p));

        AssertIdentical(before, after);
        Assert.Equal(beforeProgress, afterProgress);
        output.WriteLine($"{net} {feed} b{batch} {stop}: {before.Steps} steps; {string.Join(", ", before.Examples.GroupBy(e => e.StoppedBy).Select(g => $"{g.Key} ×{g.Count()}"))}");
    }

    [Fact]
    public void Given_the_mixed_rules_When_run_Then_the_samples_stop_for_different_reasons_at_different_steps_so_frozen_rows_are_exercised()
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.FcMnist;
        using var model = Trainer.CreateSeeded(spec, seed: 3);
        var targets = Enumerable.Range(0, 23).Select(i => (i * 7 + 3) % 10).ToArray();

        var r = new InputGradientAttack(model, 10, new AttackSettings { LearningRate = LearningRate("FC") }).Run(Feed(spec, "noise", 23, 11), targets, Stops("mixed", 23, 60));

        Assert.True(r.Examples.Select(e => e.StoppedBy).Distinct().Count() >= 3, string.Join(", ", r.Examples.Select(e => e.StoppedBy)));
        Assert.True(r.Examples.Select(e => e.Iterations).Distinct().Count() >= 3);
    }

    [Theory]
    [InlineData(AttackLoss.MeanSquaredError)]
    [InlineData(AttackLoss.SummedSquaredError)]
    public void Given_a_squared_error_loss_When_the_lean_loop_runs_Then_it_matches_the_old_loop_bit_for_bit(AttackLoss loss)
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.FcMnist;
        using var model = Trainer.CreateSeeded(spec, seed: 5);
        var settings = new AttackSettings { LearningRate = 400, Loss = loss };
        var targets = Enumerable.Range(0, 12).Select(i => i % 10).ToArray();
        var stops = Stops("mixed", 12, 80);
        var x = Feed(spec, "noise", 12, seed: 2);

        AssertIdentical(new ReferenceInputGradientAttack(model, 10, settings).Run(x, targets, stops), new InputGradientAttack(model, 10, settings).Run(x, targets, stops));
    }

    [Fact]
    public void Given_inputs_that_are_or_become_non_finite_When_the_lean_loop_runs_Then_the_same_samples_diverge_at_the_same_step_as_in_the_old_loop()
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.FcMnist;
        using var model = Trainer.CreateSeeded(spec, seed: 1);
        var settings = new AttackSettings { LearningRate = LearningRate("FC") };
        var targets = Enumerable.Range(0, 8).Select(i => i % 10).ToArray();
        var stops = Stops("mixed", 8, 20);
        var x = Feed(spec, "noise", 8, seed: 4);
        // A NaN pixel, an infinite one, and finite pixels so large that the first layer overflows (a finite input, a non-finite loss).
        x[0, 0, 3, 3] = tensor(float.NaN);
        x[1, 0, 5, 5] = tensor(float.PositiveInfinity);
        using var huge = 3e38f.ToScalar();
        x[2].fill_(huge);

        var before = new ReferenceInputGradientAttack(model, 10, settings).Run(x, targets, stops);
        var after = new InputGradientAttack(model, 10, settings).Run(x, targets, stops);

        Assert.Equal([StopReason.Diverged, StopReason.Diverged, StopReason.Diverged], before.Examples.Take(3).Select(e => e.StoppedBy));
        Assert.Contains(before.Examples.Skip(3), e => !e.Diverged);
        AssertIdentical(before, after);
    }

    [Fact]
    public void Given_the_black_box_gradient_When_the_lean_loop_runs_Then_it_matches_the_old_loop_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.FcMnist;
        using var model = Trainer.CreateSeeded(spec, seed: 2);
        var settings = new AttackSettings { LearningRate = LearningRate("FC") };
        var targets = Enumerable.Range(0, 6).Select(i => (i + 1) % 10).ToArray();
        var stops = Stops("mixed", 6, 30);
        var x = Feed(spec, "noise", 6, seed: 9);
        using var nesBefore = new NesInputGradient(model, 20, 0.01, seed: 7);
        using var nesAfter = new NesInputGradient(model, 20, 0.01, seed: 7);

        AssertIdentical(new ReferenceInputGradientAttack(model, 10, settings, nesBefore).Run(x, targets, stops),
            new InputGradientAttack(model, 10, settings, nesAfter).Run(x, targets, stops));
        Assert.Equal(nesBefore.Queries, nesAfter.Queries);
    }

    /// <summary>
    /// Microseconds per step at batch 6 (C2's noise feeds), old loop against lean loop, interleaved A B A B on the same
    /// networks so the machine's drift hits both alike. Explicit: a timing, not a check; run with
    /// <c>REPRO_TIMING_OUT=/tmp/t.txt dotnet test --project tests/Unit -c Release -- --filter-method "*Timing*" --explicit on</c>.
    /// </summary>
    [Fact(Explicit = true)]
    public void Timing_of_the_old_and_lean_step_at_batch_6()
    {
        Repro.Experiments.Runtime.TorchRuntime.Configure(1);
        foreach (var net in new[] { "FC", "CNN" })
        {
            using var scope = NewDisposeScope();
            var spec = Spec(net);
            using var model = Trainer.CreateSeeded(spec, seed: 3);
            var targets = Enumerable.Range(0, 6).Select(i => i % spec.ClassCount).ToArray();
            var x = Feed(spec, "noise", 6, seed: 11);
            int iterations = net == "FC" ? 4000 : 1000;
            var stops = Enumerable.Repeat(StopCondition.Iterations(iterations), 6).ToArray();
            var settings = new AttackSettings { LearningRate = 0.1 };
            double Old() => Micro(() => new ReferenceInputGradientAttack(model, spec.ClassCount, settings).Run(x, targets, stops), iterations);
            double Lean() => Micro(() => new InputGradientAttack(model, spec.ClassCount, settings).Run(x, targets, stops), iterations);
            Old(); Lean(); // warm-up
            var olds = new List<double>();
            var leans = new List<double>();
            for (int round = 0; round < 4; round++)
            {
                olds.Add(Old());
                leans.Add(Lean());
            }
            double o = Median(olds), l = Median(leans);
            string line = $"{net} batch 6: old {string.Join(" ", olds.Select(v => v.ToString("0.0")))} µs/step; lean {string.Join(" ", leans.Select(v => v.ToString("0.0")))} µs/step; medians {o:0.0} / {l:0.0} = {o / l:0.00}×";
            output.WriteLine(line);
            // The test runner shows no output of a passing test: REPRO_TIMING_OUT names a file to append the lines to.
            if (Environment.GetEnvironmentVariable("REPRO_TIMING_OUT") is { Length: > 0 } file) File.AppendAllText(file, line + Environment.NewLine);
        }
    }

    static double Micro(Func<AttackBatchResult> run, int steps)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalMicroseconds / steps;
    }

    static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);

    static (AttackBatchResult Result, List<AttackProgress> Progress) Run(Func<IProgress<AttackProgress>, AttackBatchResult> run)
    {
        var reports = new List<AttackProgress>();
        var result = run(new SyncProgress(reports.Add));
        return (result, reports);
    }

    static void AssertIdentical(AttackBatchResult expected, AttackBatchResult actual)
    {
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Examples.Count, actual.Examples.Count);
        for (int i = 0; i < expected.Examples.Count; i++)
        {
            var (e, a) = (expected.Examples[i], actual.Examples[i]);
            Assert.Equal((e.Target, e.Iterations, e.StoppedBy, e.PredictedLabel), (a.Target, a.Iterations, a.StoppedBy, a.PredictedLabel));
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.Loss), BitConverter.DoubleToInt64Bits(a.Loss));
            Assert.Equal(BitConverter.DoubleToInt64Bits(e.TargetConfidence), BitConverter.DoubleToInt64Bits(a.TargetConfidence));
            Assert.True(MemoryMarshal.AsBytes(e.Initial.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(a.Initial.AsSpan())), $"sample {i}: initial differs");
            Assert.True(MemoryMarshal.AsBytes(e.Final.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(a.Final.AsSpan())), $"sample {i}: final image differs");
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool), so the order is kept.</summary>
    sealed class SyncProgress(Action<AttackProgress> report) : IProgress<AttackProgress>
    {
        public void Report(AttackProgress value) => report(value);
    }
}
