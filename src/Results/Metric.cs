namespace Repro.Results;

/// <summary>A measured quantity over seeds: every value, their mean and sample standard deviation.</summary>
public sealed record Metric(double Mean, double Sd, IReadOnlyList<double> Values)
{
    public static Metric Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new Metric(double.NaN, double.NaN, v);
        double mean = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new Metric(mean, sd, v);
    }
    public static Metric Single(double value) => Of([value]);
}
