using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>§2.1's disjunctive stop condition, per sample in one batch, and frozen samples.</summary>
public sealed class StopConditionTests(ITestOutputHelper output)
{
    const double MinConfidence = 0.9, MaxLoss = 0.2;
    const int Limit = 300;

    [Fact]
    public void Given_one_batch_with_a_different_stop_condition_per_sample_When_attacking_Then_each_sample_stops_by_its_own_condition_only()
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        var attack = Attack(model, lr: 1.0);
        StopCondition[] stops =
        [
            new(MinConfidence: MinConfidence, MaxIterations: Limit),
            new(MaxLoss: MaxLoss, MaxIterations: Limit),
            StopCondition.Iterations(5),
            StopCondition.Iterations(Limit),
        ];

        var result = attack.Run(Zeros(4), [0, 1, 2, 3], stops);
        var (byConf, byLoss, byFive, byLimit) = (result.Examples[0], result.Examples[1], result.Examples[2], result.Examples[3]);
        output.WriteLine($"confidence stop after {byConf.Iterations}, loss stop after {byLoss.Iterations}, steps {result.Steps}");

        Assert.Equal(StopReason.Confidence, byConf.StoppedBy);
        Assert.InRange(byConf.Iterations, 1, Limit - 1);
        Assert.True(byConf.TargetConfidence >= MinConfidence, $"confidence {byConf.TargetConfidence} at the stop");
        Assert.Equal(StopReason.Loss, byLoss.StoppedBy);
        Assert.InRange(byLoss.Iterations, 1, Limit - 1);
        Assert.True(byLoss.Loss <= MaxLoss, $"loss {byLoss.Loss} at the stop");
        Assert.Equal(StopReason.MaxIterations, byFive.StoppedBy);
        Assert.Equal(5, byFive.Iterations);
        Assert.Equal(StopReason.MaxIterations, byLimit.StoppedBy);
        Assert.Equal(Limit, byLimit.Iterations);
        Assert.Equal(Limit, result.Steps);
        Assert.Equal(0, result.DivergedCount);
        Assert.Equal(byConf.Iterations + byLoss.Iterations + 5 + Limit, result.SampleIterations);
        // The reported loss, confidence and label are those of the final input.
        foreach (var e in result.Examples)
        {
            var (loss, conf) = Evaluate(model, e.Final, e.Target);
            Assert.Equal(loss, e.Loss, 1e-5);
            Assert.Equal(conf, e.TargetConfidence, 1e-5);
        }
    }

    [Fact]
    public void Given_a_sample_stopped_by_a_threshold_When_rerun_one_step_shorter_Then_the_threshold_was_not_yet_met()
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        var attack = Attack(model, lr: 1.0);
        var both = attack.Run(Zeros(2), [0, 1], [new(MinConfidence: MinConfidence, MaxIterations: Limit), new(MaxLoss: MaxLoss, MaxIterations: Limit)]);
        var (byConf, byLoss) = (both.Examples[0], both.Examples[1]);

        var earlier = attack.Run(Zeros(2), [0, 1], [StopCondition.Iterations(byConf.Iterations - 1), StopCondition.Iterations(byLoss.Iterations - 1)]);

        Assert.True(earlier.Examples[0].TargetConfidence < MinConfidence, $"confidence {earlier.Examples[0].TargetConfidence} one step before the stop");
        Assert.True(earlier.Examples[1].Loss > MaxLoss, $"loss {earlier.Examples[1].Loss} one step before the stop");
    }

    [Fact]
    public void Given_two_samples_with_the_same_input_and_target_When_only_one_has_an_iteration_limit_of_5_Then_only_that_one_stops_at_5()
    {
        using var scope = NewDisposeScope();
        var attack = Attack(Linear(), lr: 1.0);

        var result = attack.Run(Zeros(2), [2, 2], [StopCondition.Iterations(5), new(MinConfidence: MinConfidence, MaxIterations: Limit)]);

        Assert.Equal((StopReason.MaxIterations, 5), (result.Examples[0].StoppedBy, result.Examples[0].Iterations));
        Assert.Equal(StopReason.Confidence, result.Examples[1].StoppedBy);
        Assert.True(result.Examples[1].Iterations > 5);
        Assert.NotEqual(result.Examples[0].Final, result.Examples[1].Final);
    }

    [Fact]
    public void Given_a_sample_stopped_after_3_iterations_in_a_batch_running_50_When_attacking_Then_its_final_input_is_its_state_at_the_stop()
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 11);
        var attack = Attack(model, lr: 0.5);
        var input = Batch(3, Wave);
        int[] targets = [1, 2, 3];

        var mixed = attack.Run(input, targets, [StopCondition.Iterations(3), StopCondition.Iterations(50), StopCondition.Iterations(50)]);
        var allThree = attack.Run(input, targets, [StopCondition.Iterations(3), StopCondition.Iterations(3), StopCondition.Iterations(3)]);
        var alone = attack.Run(input.narrow(0, 0, 1), [1], [StopCondition.Iterations(3)]);

        Assert.Equal((3, 50, 50), (mixed.Examples[0].Iterations, mixed.Examples[1].Iterations, mixed.Examples[2].Iterations));
        // Same batch, same first three steps: the frozen sample is bit-identical to the batch stopped at 3.
        Assert.Equal(allThree.Examples[0].Final, mixed.Examples[0].Final);
        Assert.Equal(allThree.Examples[0].Loss, mixed.Examples[0].Loss);
        // The same sample alone: the same up to rounding. Rows are independent, but a matrix product of one row may take other
        // kernels than one of three (seen on an Intel Xeon: one value differed in its last bits), so this one is within 1e-6.
        var gap = alone.Examples[0].Final.Zip(mixed.Examples[0].Final, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(gap <= 1e-6, $"alone and in a batch of three differ by up to {gap:R}");
        Assert.NotEqual(allThree.Examples[1].Final, mixed.Examples[1].Final);
    }

    [Fact]
    public void Given_a_sample_that_diverges_at_a_finite_input_while_another_runs_on_When_attacking_Then_the_diverged_sample_is_frozen_at_its_stop()
    {
        using var scope = NewDisposeScope();
        var model = new Log1pModel();
        var attack = Attack(model, lr: 0.5);
        // Sample 0 has x₀ = −2: log1p gives NaN logits (and a NaN gradient) at a finite input.
        var input = Batch(2, (s, p) => s == 0 && p == 0 ? -2f : 0f);

        var result = attack.Run(input, [0, 1], [StopCondition.Iterations(20), StopCondition.Iterations(20)]);
        var (diverged, running) = (result.Examples[0], result.Examples[1]);

        Assert.Equal(StopReason.Diverged, diverged.StoppedBy);
        Assert.Equal(0, diverged.Iterations);
        Assert.True(double.IsNaN(diverged.Loss));
        Assert.Equal(diverged.Initial, diverged.Final);
        Assert.Equal(1, result.DivergedCount);
        Assert.Equal((StopReason.MaxIterations, 20), (running.StoppedBy, running.Iterations));
        Assert.All(running.Final, v => Assert.True(float.IsFinite(v)));
    }
}
