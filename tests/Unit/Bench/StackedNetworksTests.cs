using Repro.Experiments.Bench;
using Repro.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Bench;

/// <summary>k networks run as one give each network's own logits and input gradients, up to the last bits of a reordered sum.</summary>
public sealed class StackedNetworksTests
{
    // Relative to the largest magnitude compared: float32 sums in another order differ by a few ulps of the terms.
    const double Tolerance = 1e-5;

    // Widths that are multiples of 16: with 8, libtorch's own (unstacked) convolution gets the input gradient wrong
    // (Attacks/CpuConvolutionGuard), and this test compared the stacked gradient with that wrong one.
    static NetworkSpec SpecOf(Architecture architecture) => architecture == Architecture.Fc
        ? NetworkSpec.FcMnist
        : NetworkSpec.Cnn(architecture == Architecture.CnnBatchNorm) with { ConvChannels = [16, 32], DenseLayers = [32, 24, 10] };

    [Theory]
    [InlineData(Architecture.Fc, 3)]
    [InlineData(Architecture.Cnn, 2)]
    [InlineData(Architecture.CnnBatchNorm, 3)]
    public void Given_k_seeded_networks_When_run_stacked_Then_each_network_s_logits_and_input_gradients_match_its_own_within_1e_5(Architecture architecture, int k)
    {
        using var scope = NewDisposeScope();
        var spec = SpecOf(architecture);
        var nets = Enumerable.Range(0, k).Select(s => Trainer.CreateSeeded(spec, 20 + s)).ToList();
        using var gen = new Generator(4);
        using var tenth = 0.1.ToScalar();
        using var half = 0.5.ToScalar();
        foreach (var n in nets)
        {
            // Batch norm with statistics of its own, so that eval mode is not the identity on the channels.
            using (no_grad())
                foreach (var (name, buffer) in n.named_buffers())
                    if (name.EndsWith("running_mean")) buffer.copy_(randn(buffer.shape, generator: gen).mul(tenth));
                    else if (name.EndsWith("running_var")) buffer.copy_(rand(buffer.shape, generator: gen).add(half, Repro.Experiments.Runtime.HeldScalars.One));
            n.eval();
        }
        using var stacked = new StackedNetworks(spec, nets);
        const int b = 5;
        var x = rand([k * b, 1, spec.InputHeight, spec.InputWidth], generator: gen);

        var xs = x.clone().requires_grad_(true);
        var joint = stacked.forward(xs);
        var jointGrad = autograd.grad([joint.logsumexp(1).sum()], [xs])[0];
        for (int j = 0; j < k; j++)
        {
            var xj = x.narrow(0, j * b, b).clone().requires_grad_(true);
            var own = nets[j].forward(xj);
            var ownGrad = autograd.grad([own.logsumexp(1).sum()], [xj])[0];
            Assert.Equal(own.shape, joint.narrow(0, j * b, b).shape);
            AssertClose($"network {j}'s logits", own, joint.narrow(0, j * b, b));
            AssertClose($"network {j}'s input gradient", ownGrad, jointGrad.narrow(0, j * b, b));
        }
        foreach (var n in nets) n.Dispose();
    }

    [Fact]
    public void Given_rows_that_do_not_split_over_the_networks_When_run_Then_it_is_refused_with_both_counts()
    {
        using var scope = NewDisposeScope();
        var nets = Enumerable.Range(0, 3).Select(s => Trainer.CreateSeeded(NetworkSpec.FcDummy, s)).ToList();
        using var stacked = new StackedNetworks(NetworkSpec.FcDummy, nets);
        var e = Assert.Throws<ArgumentException>(() => stacked.forward(zeros(7, 1, 6, 6)));
        Assert.Contains("7 rows", e.Message);
        Assert.Contains("3 stacked networks", e.Message);
        foreach (var n in nets) n.Dispose();
    }

    static void AssertClose(string what, Tensor expected, Tensor actual)
    {
        double scale = expected.abs().max().item<float>();
        double diff = (expected - actual).abs().max().item<float>();
        Assert.True(diff <= Tolerance * Math.Max(scale, 1e-30),
            $"{what}: largest difference {diff:G3} against a largest magnitude of {scale:G3} (ratio {diff / scale:G3}, tolerance {Tolerance:G1})");
    }
}
