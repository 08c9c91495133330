using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>HeldScalarBatchNorm is TorchSharp's batch norm with its Scalars held: same names, same numbers.</summary>
public sealed class HeldScalarBatchNormTests
{
    static Tensor Input(long[] shape)
    {
        using var gen = new Generator(11);
        return randn(shape, generator: gen);
    }

    static void AssertSame(Tensor expected, Tensor actual, string what)
    {
        var e = expected.detach().flatten().to(ScalarType.Float64).data<double>().ToArray();
        var a = actual.detach().flatten().to(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(e[i].Equals(a[i]), $"{what}[{i}]: {a[i]:R}, TorchSharp's module gives {e[i]:R}");
    }

    // The reference: TorchSharp's own modules. REPRO002 forbids them elsewhere.
#pragma warning disable REPRO002
    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void Given_three_training_batches_and_an_eval_batch_When_run_through_both_modules_Then_outputs_buffers_and_names_are_equal(int spatial)
    {
        using var scope = NewDisposeScope();
        using nn.Module<Tensor, Tensor> reference = spatial == 2 ? nn.BatchNorm2d(3) : nn.BatchNorm1d(3);
        using var ours = new HeldScalarBatchNorm(3, spatial);
        long[] shape = spatial == 2 ? [5, 3, 4, 4] : [5, 3];
        var x = Input(shape);
        for (int b = 0; b < 3; b++)
        {
            using var step = NewDisposeScope();
            var input = x.add(x, HeldScalars.One).narrow(0, b, 3);
            AssertSame(reference.forward(input), ours.forward(input), $"training output {b}");
        }
        reference.eval();
        ours.eval();
        AssertSame(reference.forward(x), ours.forward(x), "eval output");
        var r = reference.state_dict();
        var o = ours.state_dict();
        Assert.Equal(r.Keys.Order(), o.Keys.Order());
        foreach (var key in r.Keys) AssertSame(r[key], o[key], key);
        Assert.Equal(3L, o["num_batches_tracked"].item<long>());
    }
#pragma warning restore REPRO002

    [Fact]
    public void Given_a_2d_batch_norm_When_given_a_flat_input_Then_it_says_what_it_expected()
    {
        using var scope = NewDisposeScope();
        using var bn = new HeldScalarBatchNorm(3, 2);
        var e = Assert.Throws<ArgumentException>(() => bn.forward(zeros(4, 3)));
        Assert.Contains("expected a 4-d input, got 2-d", e.Message);
    }

    [Fact]
    public void Given_a_network_made_by_CreateSeeded_When_its_making_scope_is_gone_Then_its_parameters_live_and_repeat_for_the_seed()
    {
        using var scope = NewDisposeScope();
        using var a = Trainer.CreateSeeded(NetworkSpec.Cnn(batchNorm: true), 3);
        using var b = Trainer.CreateSeeded(NetworkSpec.Cnn(batchNorm: true), 3);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var pa = a.parameters().ToArray();
        var pb = b.parameters().ToArray();
        Assert.NotEmpty(pa);
        for (int i = 0; i < pa.Length; i++) AssertSame(pa[i], pb[i], $"parameter {i}");
        Assert.Equal(new long[] { 2, 10 }, a.forward(zeros(2, 28, 28)).shape);
    }
}
