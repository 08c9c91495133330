using Repro.Experiments.Data;
using Repro.Experiments.Models.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// A multinomial logistic regression, softmax(W·x + b) with cross-entropy, trained on the images Table 1's networks learn from:
/// the baseline template that none of the paper's own offers. Its weight rows w_c are what any discriminative linear model learns
/// of class c, so r(AP_c, w_c) beside r(AP_c, PNC_c) asks whether the AP is simply that. W and b start at zero (the loss is
/// convex, so nothing depends on an initialisation), and Adam (lr 10⁻³) runs <see cref="Epochs"/> epochs of seeded, shuffled
/// batches of 128, without regularisation: on the CPU one seed gives the same weights.
/// </summary>
public static class LinearClassifier
{
    public const int Epochs = 10, BatchSize = 128;
    public const double LearningRate = 1e-3;

    /// <summary>The weight rows w_c, one per class, over the dataset's pixels.</summary>
    public static float[][] Templates(Dataset train, int seed, CancellationToken cancel = default)
    {
        using var scope = NewDisposeScope();
        int n = train.Count, px = train.PixelCount, k = train.ClassCount;
        var x = tensor(train.Images, [n, px]);
        var y = tensor(train.Labels.Select(l => (long)l).ToArray());
        var w = new Parameter(zeros(k, px));
        var b = new Parameter(zeros(k));
        using var optimizer = new AdamOptimizer([w, b], LearningRate);
        var rng = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            rng.Shuffle(order);
            for (int start = 0; start < n; start += BatchSize)
            {
                cancel.ThrowIfCancellationRequested();
                using var step = NewDisposeScope();
                var idx = tensor(order.AsSpan(start, Math.Min(BatchSize, n - start)).ToArray().Select(i => (long)i).ToArray());
                var loss = nn.functional.cross_entropy(nn.functional.linear(x.index_select(0, idx), w, b), y.index_select(0, idx));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
            }
        }
        var weights = w.detach().data<float>().ToArray();
        return Enumerable.Range(0, k).Select(c => weights.AsSpan(c * px, px).ToArray()).ToArray();
    }
}
