using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>The attack releases every tensor it makes, however many iterations it runs.</summary>
public sealed class TensorLeakTests(ITestOutputHelper output)
{
    static long Live => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void Given_an_attack_of_1000_iterations_When_it_returns_Then_the_live_tensor_count_is_what_it_was_before()
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 1);
        var attack = Attack(model, 0.1, StopCondition.Iterations(1000));
        var input = Batch(4, Wave);
        long before = Live;

        var result = attack.Run(input, [0, 1, 2, 3]);

        long after = Live;
        output.WriteLine($"live tensors before {before}, after {after}; {result.Steps} steps in {result.Seconds:F2} s");
        Assert.Equal(1000, result.Steps);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Given_attacks_of_10_and_of_1000_iterations_When_each_returns_Then_the_live_tensor_count_is_the_same()
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 2);
        var input = Batch(4, Wave);
        long before = Live;

        Attack(model, 0.1, StopCondition.Iterations(10)).Run(input, [0, 1, 2, 3]);
        long after10 = Live;
        Attack(model, 0.1, StopCondition.Iterations(1000)).Run(input, [0, 1, 2, 3]);
        long after1000 = Live;

        output.WriteLine($"live tensors before {before}, after 10 iterations {after10}, after 1000 {after1000}");
        Assert.Equal(before, after10);
        Assert.Equal(after10, after1000);
    }

    [Fact]
    public void Given_a_perturbation_run_in_several_chunks_When_it_returns_Then_no_tensor_is_left_alive()
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 3);
        var runner = new PerturbationRunner(Attack(model, 0.1, StopCondition.Iterations(50)), Side, Side, maxBatch: 2);
        long before = Live;

        var results = runner.Run([new("aai", Feed.AdversarialAverage, 1, Count: 5), new("zero", Feed.Zero, 2)], seed: 7);

        Assert.Equal(6, results.Sum(r => r.Examples.Count));
        Assert.Equal(before, Live);
    }

    [Fact]
    public void Given_an_attack_with_a_parameterised_model_When_it_returns_Then_the_weights_require_gradients_again_and_are_unchanged()
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 4);
        model.train();
        var weights = Weights(model);

        Attack(model, 0.5, StopCondition.Iterations(20)).Run(Batch(4, Wave), [0, 1, 2, 3]);

        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
        Assert.True(model.training);
        Assert.Equal(weights, Weights(model));
    }
}
