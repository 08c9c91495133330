using static TorchSharp.torch;

namespace Repro.Experiments.Attacks;

/// <summary>
/// The loss of each image of a batch, from logits: <paramref name="rows"/> names, for each row of
/// <paramref name="logits"/>, the sample of the attack's batch it belongs to (so its target).
/// </summary>
public delegate Tensor SampleLossOf(Tensor logits, Tensor rows);

/// <summary>
/// Where the attack loop of <see cref="InputGradientAttack"/> gets ∇ₓ loss: autograd through the network (white box,
/// <see cref="AutogradInputGradient"/>) or an estimate from the network's softmax outputs alone (black box,
/// <see cref="NesInputGradient"/>). One loop, two sources, so the two attacks differ only in the gradient.
/// </summary>
public interface IInputGradient
{
    /// <summary>Images passed through the network so far (a query is one image's forward pass).</summary>
    long Queries { get; }

    /// <summary>
    /// The logits at <paramref name="x"/> [B, 1, H, W], one row per image, from which the loop reads its loss, confidence and
    /// prediction. A white box returns them on <paramref name="x"/>'s graph; a black box returns log-probabilities, which
    /// differ from the logits by a constant per row and so give the same softmax and loss.
    /// </summary>
    Tensor Logits(Tensor x);

    /// <summary>
    /// ∇ₓ of each active row's loss [B, 1, H, W]. <paramref name="loss"/> is <paramref name="lossOf"/> of <see cref="Logits"/>
    /// at <paramref name="x"/>; rows where <paramref name="active"/> is false are never stepped, so a source may leave them zero.
    /// </summary>
    Tensor Gradient(Tensor x, Tensor loss, Tensor active, SampleLossOf lossOf);
}
