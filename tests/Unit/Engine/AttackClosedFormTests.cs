using Repro.Experiments.Attacks;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>The attack against a softmax-regression model, where every step has a closed form.</summary>
public sealed class AttackClosedFormTests
{
    /// <summary>x₁ = −η·Wᵀ(softmax(b) − e_t), in double precision.</summary>
    static double[] FirstStepFromZero(double lr, int target)
    {
        var p = Softmax(LinearBias);
        var x = new double[Pixels];
        for (int j = 0; j < Pixels; j++)
        {
            double g = 0;
            for (int k = 0; k < Classes; k++) g += LinearWeights[k * Pixels + j] * (p[k] - (k == target ? 1 : 0));
            x[j] = -lr * g;
        }
        return x;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Given_a_linear_softmax_model_at_the_zero_input_When_taking_one_step_Then_the_input_is_minus_lr_times_W_transposed_times_softmax_of_b_minus_the_one_hot_target(double lr)
    {
        using var scope = NewDisposeScope();
        var attack = Attack(Linear(), lr, StopCondition.Iterations(1));

        var result = attack.Run(Zeros(Classes), [0, 1, 2, 3]);

        for (int t = 0; t < Classes; t++)
        {
            var e = result.Examples[t];
            Assert.Equal((StopReason.MaxIterations, 1), (e.StoppedBy, e.Iterations));
            Assert.All(e.Initial, v => Assert.Equal(0f, v));
            var expected = FirstStepFromZero(lr, t);
            Assert.True(MaxAbsDiff(e.Final, expected) < 1e-6, $"target {t}: max |Final − closed form| = {MaxAbsDiff(e.Final, expected):g3}");
            Assert.True(MaxAbsDiff(e.Perturbation(), expected) < 1e-6);
        }
    }

    [Theory]
    [InlineData(AttackLoss.MeanSquaredError)]
    [InlineData(AttackLoss.SummedSquaredError)]
    public void Given_a_squared_error_loss_When_attacking_from_zero_Then_the_starting_loss_is_the_closed_form_below_1_and_the_attack_lowers_it(AttackLoss loss)
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        var p = Softmax(LinearBias);
        // A loss threshold of 2 (the summed form's ceiling) stops every sample before its first step, revealing the loss at the zero input.
        var start = Attack(model, 1.0, new StopCondition(MaxLoss: 2.0), loss).Run(Zeros(Classes), [0, 1, 2, 3]);
        var run = Attack(model, 5.0, StopCondition.Iterations(50), loss).Run(Zeros(Classes), [0, 1, 2, 3]);

        for (int t = 0; t < Classes; t++)
        {
            var squares = Enumerable.Range(0, Classes).Select(k => Math.Pow(p[k] - (k == t ? 1 : 0), 2)).ToArray();
            double expected = loss == AttackLoss.MeanSquaredError ? squares.Average() : squares.Sum();
            var s = start.Examples[t];
            Assert.Equal((StopReason.Loss, 0), (s.StoppedBy, s.Iterations));
            Assert.True(Math.Abs(expected - s.Loss) < 1e-6, $"{loss}, target {t}: loss {s.Loss:R} at zero, closed form {expected:R}");
            Assert.True(s.Loss < (loss == AttackLoss.MeanSquaredError ? 2.0 / Classes : 2.0));
            Assert.Equal(p[t], s.TargetConfidence, 1e-6);

            var r = run.Examples[t];
            Assert.Equal((StopReason.MaxIterations, 50), (r.StoppedBy, r.Iterations));
            Assert.True(r.Loss < s.Loss, $"target {t}: loss {s.Loss} → {r.Loss}");
            Assert.True(r.TargetConfidence > s.TargetConfidence);
            Assert.Equal(t, r.PredictedLabel);
        }
    }

    /// <summary>The closed-form descent from zero: the first iteration whose prediction is <paramref name="target"/>, and the input there.</summary>
    static (int Iterations, double[] X) FirstPredicted(double lr, int target, int cap)
    {
        var x = new double[Pixels];
        for (int k = 0; k <= cap; k++)
        {
            var z = Enumerable.Range(0, Classes).Select(c => LinearBias[c] + Enumerable.Range(0, Pixels).Sum(j => LinearWeights[c * Pixels + j] * x[j])).ToArray();
            if (Array.IndexOf(z, z.Max()) == target || k == cap) return (k, x);
            var p = Softmax(z.Select(v => (float)v).ToArray());
            for (int j = 0; j < Pixels; j++)
                x[j] -= lr * Enumerable.Range(0, Classes).Sum(c => LinearWeights[c * Pixels + j] * (p[c] - (c == target ? 1 : 0)));
        }
        throw new InvalidOperationException("unreachable");
    }

    [Fact]
    public void Given_a_first_prediction_stop_When_attacking_a_linear_model_from_zero_Then_each_sample_stops_at_the_first_iteration_that_predicts_its_target()
    {
        using var scope = NewDisposeScope();
        const double lr = 0.05;
        var result = Attack(Linear(), lr, StopCondition.FirstPrediction(200)).Run(Zeros(Classes), [0, 1, 2, 3]);
        for (int t = 0; t < Classes; t++)
        {
            var e = result.Examples[t];
            var (iterations, x) = FirstPredicted(lr, t, 200);
            // The bias predicts class 0 at zero, so that sample stops before its first step; the others walk until the argmax turns.
            Assert.Equal((t == 0 ? 0 : iterations, StopReason.Predicted, t), (e.Iterations, e.StoppedBy, e.PredictedLabel));
            Assert.True(iterations < 200, $"target {t}: the closed form never reaches the target within the cap");
            Assert.True(MaxAbsDiff(e.Final, x) < 1e-5, $"target {t}: max |Final − closed form| = {MaxAbsDiff(e.Final, x):g3}");
        }
        Assert.Equal("prediction = target OR iterations ≥ 200", StopCondition.FirstPrediction(200).ToString());
    }
}
