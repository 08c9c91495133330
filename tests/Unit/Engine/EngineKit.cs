using Repro.Experiments.Perturbations;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>Tiny models, inputs and comparisons shared by the engine tests.</summary>
static class EngineKit
{
    public const int Side = 6, Pixels = Side * Side, Classes = 4;

    static EngineKit() => TorchRuntime.Configure(1);

    /// <summary>One Linear layer 36 → 4 (softmax regression): logits = W x + b.</summary>
    public static NetworkSpec LinearSpec => new() { Architecture = Architecture.Fc, FcLayers = [Pixels, Classes], InputHeight = Side, InputWidth = Side };

    /// <summary>A fixed, non-trivial weight matrix W[k, j] (row-major, 4 × 36) and bias b.</summary>
    public static float[] LinearWeights { get; } =
        [.. Enumerable.Range(0, Classes * Pixels).Select(i => (float)(0.3 * Math.Sin(0.7 * (i % Pixels) + 1.3 * (i / Pixels) + 0.1 * i)))];
    public static float[] LinearBias { get; } = [0.5f, -0.2f, 0.1f, 0.3f];

    /// <summary>The linear model with <see cref="LinearWeights"/> and <see cref="LinearBias"/>, set under no_grad.</summary>
    public static nn.Module<Tensor, Tensor> Linear()
    {
        var model = Trainer.CreateSeeded(LinearSpec, 0);
        SetParameters(model, LinearWeights, LinearBias);
        return model;
    }

    public static void SetParameters(nn.Module<Tensor, Tensor> model, float[] weight, float[] bias)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith("weight")) p.copy_(tensor(weight, p.shape));
            else if (name.EndsWith("bias")) p.copy_(tensor(bias, p.shape));
            else throw new InvalidOperationException($"Unexpected parameter {name}.");
        }
    }

    /// <summary>Every parameter's values, in registration order, copied out.</summary>
    public static float[][] Weights(nn.Module<Tensor, Tensor> model) =>
        [.. model.parameters().Select(p => p.detach().cpu().flatten().data<float>().ToArray())];

    /// <summary>Four classes, each a bright quadrant with noise: learnable, but not within the first few steps.</summary>
    public static Repro.Experiments.Data.Dataset Quadrants(string name, int count, int seed)
    {
        var rng = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => i % Classes).ToArray();
        var pixels = new float[count * Pixels];
        for (int i = 0; i < count; i++)
            for (int p = 0; p < Pixels; p++)
            {
                int r = p / Side, c = p % Side, quadrant = (r < Side / 2 ? 0 : 2) + (c < Side / 2 ? 0 : 1);
                pixels[i * Pixels + p] = (quadrant == labels[i] ? 0.35f : 0f) + rng.NextSingle();
            }
        return new Repro.Experiments.Data.Dataset(name, pixels, labels, Side, Side, Classes);
    }

    /// <summary>A [B, 1, 6, 6] batch built from per-pixel functions (deterministic, no RNG).</summary>
    public static Tensor Batch(int count, Func<int, int, float> pixel) =>
        tensor(Enumerable.Range(0, count * Pixels).Select(i => pixel(i / Pixels, i % Pixels)).ToArray(), [count, 1, Side, Side]);

    public static Tensor Zeros(int count) => zeros(count, 1, Side, Side);

    /// <summary>Smooth pseudo-noise for sample s, pixel p.</summary>
    public static float Wave(int s, int p) => (float)(0.3 * Math.Sin(1.7 * p + 2.9 * s + 0.4));

    public static InputGradientAttack Attack(nn.Module<Tensor, Tensor> model, double lr = 0.1, StopCondition? stop = null, AttackLoss loss = AttackLoss.CrossEntropy) =>
        new(model, Classes, new AttackSettings { LearningRate = lr, Loss = loss, Stop = stop ?? StopCondition.Iterations(10) });

    /// <summary>Cross-entropy and target confidence of the model at one image, recomputed independently.</summary>
    public static (double Loss, double Confidence) Evaluate(nn.Module<Tensor, Tensor> model, float[] image, int target)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        var logits = model.forward(tensor(image, [1, 1, Side, Side]));
        var loss = nn.functional.cross_entropy(logits, tensor(new long[] { target })).item<float>();
        var conf = logits.softmax(1)[0, target].item<float>();
        return (loss, conf);
    }

    public static double[] Softmax(IReadOnlyList<float> z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double s = e.Sum();
        return [.. e.Select(v => v / s)];
    }

    public static double MaxAbsDiff(IReadOnlyList<float> a, IReadOnlyList<double> b)
    {
        Assert.Equal(a.Count, b.Count);
        return a.Select((v, i) => Math.Abs(v - b[i])).Max();
    }

    /// <summary>The two runs gave the same bits: every image, and every ADE's pixels, iterations, loss, confidence, prediction and stop.</summary>
    public static void AssertSameBits(IReadOnlyList<PerturbationResult> expected, IReadOnlyList<PerturbationResult> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Image.SequenceEqual(actual[i].Image), $"request {i}: the images differ");
            Assert.Equal(expected[i].Examples.Select(e => (e.Target, e.Iterations, e.Loss, e.TargetConfidence, e.PredictedLabel, e.StoppedBy)),
                actual[i].Examples.Select(e => (e.Target, e.Iterations, e.Loss, e.TargetConfidence, e.PredictedLabel, e.StoppedBy)));
            Assert.True(expected[i].Examples.Zip(actual[i].Examples).All(p => p.First.Final.SequenceEqual(p.Second.Final) && p.First.Initial.SequenceEqual(p.Second.Initial)),
                $"request {i}: the ADEs differ");
        }
    }
}

/// <summary>logits = x[:, :4] · NaN: every output is NaN.</summary>
sealed class NanModel : nn.Module<Tensor, Tensor>
{
    private static readonly Scalar NaN = float.NaN.ToScalar();
    public NanModel() : base(nameof(NanModel)) => RegisterComponents();
    public override Tensor forward(Tensor x) => x.flatten(1).narrow(1, 0, EngineKit.Classes).mul(NaN);
}

/// <summary>
/// logits = W x + b + log1p(x₀): finite while the first pixel is above −1, NaN (with a NaN gradient)
/// below it, at a finite input.
/// </summary>
sealed class Log1pModel : nn.Module<Tensor, Tensor>
{
    // TorchSharp names submodules after their fields, and those names are the keys of the saved weights.
#pragma warning disable IDE1006
    private readonly nn.Module<Tensor, Tensor> fc;
#pragma warning restore IDE1006

    public Log1pModel()
        : base(nameof(Log1pModel))
    {
        // Module initialisation draws from the global generator: hold its lock so seeded runs elsewhere stay deterministic.
        lock (TorchRuntime.GlobalRngLock) fc = nn.Linear(EngineKit.Pixels, EngineKit.Classes);
        RegisterComponents();
        EngineKit.SetParameters(this, EngineKit.LinearWeights, EngineKit.LinearBias);
    }

    public override Tensor forward(Tensor x)
    {
        var f = x.flatten(1);
        return fc.forward(f).add(f.narrow(1, 0, 1).log1p(), HeldScalars.One);
    }
}
