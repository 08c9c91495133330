using Repro.Experiments.Models.Optimizers;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// The native library loads (on Debian 12 only after the GLIBCXX_3.4.32 build step) and libtorch
/// computes: a forward and a backward pass with known results.
/// </summary>
public sealed class TorchSharpInitialisationTests
{
    [Fact]
    public void Given_the_build_output_When_TorchSharp_initialises_Then_a_forward_and_backward_pass_give_the_known_gradient()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1, 2, 3 }).requires_grad_(true);
        var x = tensor(new float[] { 4, 5, 6 });
        var y = (w * x).sum().pow(HeldScalars.Two); // (1·4 + 2·5 + 3·6)² = 32² = 1024
        y.backward();
        Assert.Equal(1024f, y.item<float>());
        // d/dw (w·x)² = 2 (w·x) x = 64 x
        Assert.Equal(new float[] { 256, 320, 384 }, w.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Given_a_small_network_When_trained_one_step_with_SGD_Then_its_loss_falls()
    {
        using var scope = NewDisposeScope();
        nn.Module<Tensor, Tensor> net;
        Tensor x;
        // The global generator is shared with the determinism tests running in parallel: draw under its lock.
        lock (TorchRuntime.GlobalRngLock)
        {
            torch.manual_seed(1);
            net = nn.Sequential(("fc1", nn.Linear(4, 8)), ("relu", nn.ReLU()), ("fc2", nn.Linear(8, 2)));
            x = randn(16, 4);
        }
        var y = (x[.., 0] > HeldScalars.Zero).to(ScalarType.Int64);
        using var opt = new SgdOptimizer(net.parameters(), 0.5);
        double Loss() { using var _ = no_grad(); return nn.functional.cross_entropy(net.forward(x), y).item<float>(); }
        double before = Loss();
        for (int i = 0; i < 20; i++)
        {
            using var step = NewDisposeScope();
            opt.ZeroGrad();
            nn.functional.cross_entropy(net.forward(x), y).backward();
            opt.Step();
        }
        Assert.True(Loss() < before, $"loss {before} → {Loss()}");
    }
}
