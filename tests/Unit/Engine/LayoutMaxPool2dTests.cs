using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>The CNN's max-pool pools a channels-last copy where no gradient is recorded: only faster, the same bits.</summary>
public sealed class LayoutMaxPool2dTests
{
    static byte[] Bits(Tensor t) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.detach().contiguous().data<float>().ToArray().AsSpan()).ToArray();

    static int FirstDifference(byte[] a, byte[] b) =>
        a.Length != b.Length ? -2 : Enumerable.Range(0, a.Length / 4).FirstOrDefault(i => !a.AsSpan(4 * i, 4).SequenceEqual(b.AsSpan(4 * i, 4)), -1);

    /// <summary>Values on a half-unit grid after ReLU, so that windows hold ties and zeros.</summary>
    static Tensor TiedInput(long[] shape, ulong seed)
    {
        using var gen = new Generator(seed);
        using var two = 2.ToScalar();
        return randn(shape, generator: gen).mul(two).round().div(two).relu();
    }

    [Fact]
    public void Given_ties_zeros_infinities_and_NaN_When_pooled_without_a_gradient_Then_the_outputs_are_nn_MaxPool2d_s_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        // Ties and ReLU's zeros; a few ±∞, a NaN and a −0.
        var x = TiedInput([5, 7, 12, 10], 3);
        var flat = x.view(-1);
        flat[3] = tensor(float.PositiveInfinity);
        flat[50] = tensor(float.NegativeInfinity);
        flat[101] = tensor(float.NaN);
        flat[200] = tensor(-0.0f);
        using var reference = nn.MaxPool2d(2);
        using var pool = new LayoutMaxPool2d(2);

        var expected = reference.forward(x);
        Tensor actual;
        using (no_grad()) actual = pool.forward(x);

        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.is_contiguous(), "the pooled output should be NCHW-contiguous, as nn.MaxPool2d's");
        int at = FirstDifference(Bits(expected), Bits(actual));
        Assert.True(at == -1, $"first differing output at flat index {at}");
    }

    [Fact]
    public void Given_ties_signed_zeros_infinities_and_NaNs_When_pooled_with_a_recorded_gradient_Then_outputs_and_input_gradients_are_nn_MaxPool2d_s_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(5);
        var x = TiedInput([4, 9, 14, 15], 5);
        var flat = x.view(-1);
        flat[7] = tensor(float.PositiveInfinity);
        flat[400] = tensor(-0.0f);
        // Hand-built windows of the first plane (width 15): zeros of both signs; two NaNs (the last one is picked); all −∞.
        void Window(int at, float a, float b, float c, float d)
        {
            flat[at] = tensor(a);
            flat[at + 1] = tensor(b);
            flat[at + 15] = tensor(c);
            flat[at + 16] = tensor(d);
        }
        Window(0, -0.0f, 0.0f, 0.0f, -0.0f);
        Window(2, float.NaN, 1f, float.NaN, 0f);
        Window(4, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity);
        var upstream = randn([4, 9, 7, 7], generator: gen);
        using var reference = nn.MaxPool2d(2);
        using var pool = new LayoutMaxPool2d(2);

        var a = x.clone().requires_grad_(true);
        var b = x.clone().requires_grad_(true);
        var expected = reference.forward(a);
        var actual = pool.forward(b);
        var expectedGrad = autograd.grad([expected.mul(upstream).sum()], [a])[0];
        var actualGrad = autograd.grad([actual.mul(upstream).sum()], [b])[0];

        int at = FirstDifference(Bits(expected), Bits(actual));
        Assert.True(at == -1, $"first differing output at flat index {at}");
        at = FirstDifference(Bits(expectedGrad), Bits(actualGrad));
        Assert.True(at == -1, $"first differing input gradient at flat index {at}: nn.MaxPool2d {expectedGrad.view(-1)[Math.Max(at, 0)].item<float>():R}, this {actualGrad.view(-1)[Math.Max(at, 0)].item<float>():R}");
    }

    [Theory]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.CnnBatchNorm)]
    public void Given_a_CNN_in_eval_mode_When_its_logits_are_computed_without_and_with_a_recorded_gradient_Then_they_are_the_same_bits(Architecture architecture)
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.Cnn(architecture == Architecture.CnnBatchNorm) with { ConvChannels = [8, 16], DenseLayers = [32, 10] };
        using var model = Trainer.CreateSeeded(spec, 6);
        model.eval();
        using var gen = new Generator(11);
        var x = rand([33, 1, 28, 28], generator: gen);

        Tensor evaluated;
        using (no_grad()) evaluated = model.forward(x);
        var recorded = model.forward(x.clone().requires_grad_(true));

        int at = FirstDifference(Bits(recorded), Bits(evaluated));
        Assert.True(at == -1, $"first differing logit at flat index {at}: recorded {recorded.view(-1)[Math.Max(at, 0)].item<float>():R}, evaluated {evaluated.view(-1)[Math.Max(at, 0)].item<float>():R}");
    }

    [Theory]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.CnnBatchNorm)]
    public void Given_one_start_When_a_CNN_trains_with_this_pool_and_with_nn_MaxPool2d_Then_the_weights_are_the_same_bits(Architecture architecture)
    {
        using var scope = NewDisposeScope();
        var spec = NetworkSpec.Cnn(architecture == Architecture.CnnBatchNorm) with { ConvChannels = [8, 16], DenseLayers = [32, 24, 10] };
        using var layout = Trainer.CreateSeeded(spec, 8);
        using var libtorch = new ConvNet(spec, libtorchMaxPool: true);
        libtorch.load_state_dict(layout.state_dict());
        using var gen = new Generator(13);
        var x = rand([6 * 16, 1, 28, 28], generator: gen);
        var y = randint(0, 10, [6 * 16], generator: gen);
        foreach (var model in new[] { layout, libtorch })
        {
            model.train();
            using var optimizer = Repro.Experiments.Models.Optimizers.HeldScalarOptimizer.For(OptimizerKind.Adam, model.parameters(), 1e-3, 0.9);
            for (int step = 0; step < 6; step++)
            {
                using var inner = NewDisposeScope();
                var loss = nn.functional.cross_entropy(model.forward(x.narrow(0, step * 16, 16)), y.narrow(0, step * 16, 16));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
            }
        }

        var a = layout.state_dict();
        var b = libtorch.state_dict();
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var (key, value) in a)
        {
            int at = value.dtype == ScalarType.Float32 ? FirstDifference(Bits(value), Bits(b[key])) : (value.equal(b[key]).all().item<bool>() ? -1 : 0);
            Assert.True(at == -1, $"{key}: first differing element at flat index {at}");
        }
    }
}
