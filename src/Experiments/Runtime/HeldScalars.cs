using TorchSharp;

namespace Repro.Experiments.Runtime;

/// <summary>
/// Scalars held for the life of the process, for the constants TorchSharp would otherwise make per call
/// (see the analyzer REPRO001/REPRO002 in src/Analyzers).
/// </summary>
/// <remarks>Each keeps the C# type of the literal it replaces (int 0, int 1), so libtorch computes exactly as before.</remarks>
public static class HeldScalars
{
    /// <summary>The int 1: the alpha of <c>add(Tensor)</c> and the value of <c>addcdiv(Tensor, Tensor)</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>The int 2: <c>square()</c> is <c>pow(2)</c>.</summary>
    public static readonly Scalar Two = 2.ToScalar();

    /// <summary>The int 0, as in <c>masked_fill(mask, 0)</c>.</summary>
    public static readonly Scalar Zero = 0.ToScalar();
}
