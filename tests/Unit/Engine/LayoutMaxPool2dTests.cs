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

    [Fact]
    public void Given_ties_zeros_infinities_and_NaN_When_pooled_without_a_gradient_Then_the_outputs_are_nn_MaxPool2d_s_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(3);
        // Values on a coarse grid, so that windows hold ties; ReLU's zeros (both signs); a few ±∞ and NaN.
        using var two = 2.ToScalar();
        var x = randn([5, 7, 12, 10], generator: gen).mul(two).round().div(two).relu();
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
    public void Given_ties_zeros_and_infinities_When_pooled_with_a_recorded_gradient_Then_outputs_and_input_gradients_are_nn_MaxPool2d_s_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(5);
        using var two = 2.ToScalar();
        var x = randn([4, 9, 14, 15], generator: gen).mul(two).round().div(two).relu();
        var flat = x.view(-1);
        flat[7] = tensor(float.PositiveInfinity);
        flat[400] = tensor(-0.0f);
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
}
