using static TorchSharp.torch;

namespace Repro.Experiments.Attacks;

/// <summary>The white box: ∇ₓ loss by autograd through the network (the attack of §2.1).</summary>
public sealed class AutogradInputGradient : IInputGradient
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private long _queries;

    public AutogradInputGradient(nn.Module<Tensor, Tensor> model)
    {
        CpuConvolutionGuard.ThrowIfInputGradientIsWrong(model);
        _model = model;
    }

    public long Queries => Interlocked.Read(ref _queries);

    /// <param name="x">A leaf that requires its gradient.</param>
    public Tensor Logits(Tensor x)
    {
        Interlocked.Add(ref _queries, x.shape[0]);
        return _model.forward(x);
    }

    // Rows are independent in eval mode, so the summed loss gives each row exactly the gradient of its own loss.
    public Tensor Gradient(Tensor x, Tensor loss, Tensor active, SampleLossOf lossOf) => autograd.grad([loss.sum()], [x])[0];
}
