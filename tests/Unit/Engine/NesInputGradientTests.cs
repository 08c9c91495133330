using Repro.Experiments.Attacks;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>The black box's gradient estimate against autograd's, on the softmax-regression model where both are exact to compare.</summary>
public sealed class NesInputGradientTests
{
    static Tensor Loss(Tensor logits, Tensor rows, int[] targets) =>
        nn.functional.cross_entropy(logits, tensor(targets.Select(t => (long)t).ToArray()).index_select(0, rows), reduction: nn.Reduction.None);

    [Fact]
    public void Given_a_linear_softmax_model_When_the_gradient_is_estimated_from_softmax_outputs_alone_Then_it_points_where_autograd_does_and_every_image_counts_as_a_query()
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        model.eval();
        int[] targets = [0, 1, 2, 3];
        var x = Batch(4, Wave).requires_grad_(true);
        var all = tensor(new long[] { 0, 1, 2, 3 });
        var white = new AutogradInputGradient(model);
        var exact = white.Gradient(x, Loss(white.Logits(x), all, targets), ones(4, dtype: ScalarType.Bool), (l, r) => Loss(l, r, targets));
        using var nes = new NesInputGradient(model, samplesPerStep: 4000, sigma: 0.01, seed: 1);

        var estimate = nes.Gradient(x, Loss(nes.Logits(x), all, targets), ones(4, dtype: ScalarType.Bool), (l, r) => Loss(l, r, targets));

        // 2000 pairs in 36 dimensions: the relative error is about √(36/2000) ≈ 0.13, so the cosine is about 0.99.
        for (int i = 0; i < 4; i++)
        {
            var a = exact[i].flatten();
            var b = estimate[i].flatten();
            double cosine = a.dot(b).item<float>() / (a.norm().item<float>() * b.norm().item<float>());
            double ratio = b.norm().item<float>() / a.norm().item<float>();
            Assert.True(cosine > 0.97, $"sample {i}: cosine(estimate, autograd) = {cosine:F4}");
            Assert.True(Math.Abs(ratio - 1) < 0.2, $"sample {i}: |estimate| / |autograd| = {ratio:F3}");
        }
        Assert.Equal(4 + 4 * 4000, nes.Queries);
    }

    [Fact]
    public void Given_frozen_rows_When_the_gradient_is_estimated_Then_only_active_rows_are_queried_and_frozen_rows_are_zero()
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        model.eval();
        int[] targets = [0, 1, 2, 3];
        var x = Batch(4, Wave);
        using var nes = new NesInputGradient(model, samplesPerStep: 10, sigma: 0.01, seed: 1);

        var g = nes.Gradient(x, zeros(4), tensor(new[] { true, false, true, false }), (l, r) => Loss(l, r, targets));

        Assert.Equal(2 * 10, nes.Queries);
        Assert.Equal(0f, g[1].abs().max().item<float>());
        Assert.Equal(0f, g[3].abs().max().item<float>());
        Assert.True(g[0].abs().max().item<float>() > 0);
    }

    [Fact]
    public void Given_the_same_seed_When_a_black_box_attack_runs_twice_Then_the_perturbations_are_identical_and_they_follow_the_white_box_attack()
    {
        using var scope = NewDisposeScope();
        var model = Linear();
        var settings = new AttackSettings { LearningRate = 0.5, Stop = StopCondition.Iterations(20) };
        float[][] Run()
        {
            using var nes = new NesInputGradient(model, 200, 0.01, 7);
            return new InputGradientAttack(model, Classes, settings, nes).Run(Zeros(Classes), [0, 1, 2, 3]).Examples.Select(e => e.Final).ToArray();
        }
        var first = Run();
        var second = Run();
        var white = new InputGradientAttack(model, Classes, settings).Run(Zeros(Classes), [0, 1, 2, 3]).Examples.Select(e => e.Final).ToArray();

        Assert.Equal(first, second);
        for (int t = 0; t < Classes; t++)
        {
            double r = Repro.Experiments.Analysis.Correlation.Pearson(first[t], white[t]);
            Assert.True(r > 0.95, $"target {t}: r(black-box AP, white-box AP) = {r:F3}");
        }
    }
}
