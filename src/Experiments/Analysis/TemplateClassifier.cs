using Repro.Experiments.Data;

namespace Repro.Experiments.Analysis;

/// <summary>
/// Classification by templates: an image goes to the class whose template it correlates with best, argmax_c r(x, T_c)
/// (Pearson on raw pixels). A missing template (a failed attack) or a constant one (r undefined) never wins; a constant
/// image, whose r is undefined for every template, is assigned no class (−1).
/// </summary>
public static class TemplateClassifier
{
    /// <returns>The predicted class of each image of <paramref name="data"/>.</returns>
    public static int[] Classify(Dataset data, IReadOnlyList<float[]?> templates)
    {
        int px = data.PixelCount;
        if (templates.Any(t => t is not null && t.Length != px)) throw new ArgumentException($"Every template must hold {px} pixels.");
        // r(x, T) = Σ (x − x̄)·t̂ / ‖x − x̄‖ with t̂ the centred template of unit norm. Σ t̂ = 0 drops x̄, and ‖x − x̄‖ is one
        // positive factor per image, so argmax_c r = argmax_c Σ x·t̂_c.
        var unit = templates.Select(t => t is null ? null : CentredUnit(t)).ToArray();
        var predicted = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.ImageSpan(i);
            if (IsConstant(x)) { predicted[i] = -1; continue; }
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < unit.Length; c++)
            {
                if (unit[c] is not { } t) continue;
                double s = 0;
                for (int p = 0; p < px; p++) s += x[p] * t[p];
                if (s > bestScore) { bestScore = s; best = c; }
            }
            predicted[i] = best;
        }
        return predicted;
    }

    /// <summary>The fraction of <paramref name="data"/> that <see cref="Classify"/> puts in its labelled class.</summary>
    public static double Accuracy(Dataset data, IReadOnlyList<float[]?> templates)
    {
        var predicted = Classify(data, templates);
        return predicted.Where((c, i) => c == data.Labels[i]).Count() / (double)data.Count;
    }

    /// <summary>The template minus its mean, scaled to unit norm; null when it is constant.</summary>
    private static double[]? CentredUnit(float[] t)
    {
        double mean = t.Average(v => (double)v);
        var c = t.Select(v => v - mean).ToArray();
        double norm = Math.Sqrt(c.Sum(v => v * v));
        return norm > 0 ? c.Select(v => v / norm).ToArray() : null;
    }

    private static bool IsConstant(ReadOnlySpan<float> x)
    {
        for (int p = 1; p < x.Length; p++) if (x[p] != x[0]) return false;
        return true;
    }
}
