using Repro.Experiments.Models.Optimizers;
using Repro.Experiments.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// The project's optimizers repeat TorchSharp's arithmetic op for op: the same weights, bit for bit, so records
/// trained with TorchSharp's optim.SGD and optim.Adam stay valid.
/// </summary>
public sealed class HeldScalarOptimizerTests
{
    const int Steps = 25;

    static (nn.Module<Tensor, Tensor> Net, Tensor X, Tensor Y) Problem()
    {
        lock (TorchRuntime.GlobalRngLock)
        {
            torch.manual_seed(7);
            var net = nn.Sequential(("fc1", nn.Linear(6, 5)), ("relu", nn.ReLU()), ("fc2", nn.Linear(5, 3)));
            var x = randn(40, 6);
            var y = randint(0, 3, [40]);
            return (net, x, y);
        }
    }

    static float[][] Train(Func<IEnumerable<Parameter>, Action> makeStep, Func<IEnumerable<Parameter>, Action> makeZero,
        out float lossAfter)
    {
        using var scope = NewDisposeScope();
        var (net, x, y) = Problem();
        var step = makeStep(net.parameters());
        var zero = makeZero(net.parameters());
        for (int i = 0; i < Steps; i++)
        {
            using var inner = NewDisposeScope();
            // Mini-batches of 8, as the training loop takes them.
            var batch = tensor(Enumerable.Range(i % 5 * 8, 8).Select(k => (long)k).ToArray());
            zero();
            nn.functional.cross_entropy(net.forward(x.index_select(0, batch)), y.index_select(0, batch)).backward();
            step();
        }
        using (no_grad()) lossAfter = nn.functional.cross_entropy(net.forward(x), y).item<float>();
        return net.parameters().Select(p => p.detach().flatten().data<float>().ToArray()).ToArray();
    }

    static void AssertBitIdentical(float[][] expected, float[][] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[p][i]) == BitConverter.SingleToInt32Bits(actual[p][i]),
                    $"{what}: parameter {p}[{i}] is {actual[p][i]:R}, TorchSharp's optimizer gives {expected[p][i]:R} " +
                    $"(difference {actual[p][i] - expected[p][i]:g3})");
    }

    // The reference: TorchSharp's own optimizers, for 25 steps only. REPRO002 forbids them elsewhere.
#pragma warning disable REPRO002
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Given_the_same_network_and_batches_When_trained_with_SgdOptimizer_Then_the_weights_equal_TorchSharps_SGD_bit_for_bit(double momentum)
    {
        optim.Optimizer? reference = null;
        var expected = Train(ps => { reference = optim.SGD(ps, 0.1, momentum: momentum); return () => reference.step(); },
            _ => () => reference!.zero_grad(), out var referenceLoss);
        reference!.Dispose();
        SgdOptimizer? ours = null;
        var actual = Train(ps => { ours = new SgdOptimizer(ps, 0.1, momentum); return ours.Step; }, _ => ours!.ZeroGrad, out var loss);
        ours!.Dispose();

        AssertBitIdentical(expected, actual, $"SGD, momentum {momentum}");
        Assert.Equal(referenceLoss, loss);
    }

    [Fact]
    public void Given_the_same_network_and_batches_When_trained_with_AdamOptimizer_Then_the_weights_equal_TorchSharps_Adam_bit_for_bit()
    {
        optim.Optimizer? reference = null;
        // optim.Adam(parameters, lr) exactly as the trainer called it before: TorchSharp's defaults for β₁, β₂ and ε.
        var expected = Train(ps => { reference = optim.Adam(ps, 0.01); return () => reference.step(); },
            _ => () => reference!.zero_grad(), out var referenceLoss);
        reference!.Dispose();
        AdamOptimizer? ours = null;
        var actual = Train(ps => { ours = new AdamOptimizer(ps, 0.01); return ours.Step; }, _ => ours!.ZeroGrad, out var loss);
        ours!.Dispose();

        AssertBitIdentical(expected, actual, "Adam");
        Assert.Equal(referenceLoss, loss);
    }
#pragma warning restore REPRO002

    [Fact]
    public void Given_a_learning_rate_that_is_not_positive_When_an_optimizer_is_made_Then_it_is_refused_with_the_setting_named()
    {
        using var scope = NewDisposeScope();
        var (net, _, _) = Problem();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer(net.parameters(), 0));
        Assert.Equal("learningRate", e.ParamName);
    }
}
