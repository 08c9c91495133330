namespace Repro.Experiments.Analysis;

/// <summary>Euclidean sizes of images and perturbations, summed in double in pixel order.</summary>
public static class Norms
{
    /// <summary>‖x‖₂.</summary>
    public static double L2(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (var v in x) s += (double)v * v;
        return Math.Sqrt(s);
    }

    /// <summary>‖a − b‖₂, each difference taken in float as the images hold it.</summary>
    public static double L2Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Images of {a.Length} and {b.Length} pixels have no distance.");
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.Sqrt(s);
    }
}
