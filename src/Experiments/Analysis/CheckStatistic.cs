using Repro.Results;

namespace Repro.Experiments.Analysis;

/// <summary>
/// What kind of statistic a check measures per seed, and so which interval fits it (<see cref="IntervalKind"/>):
/// an unbounded mean, a mean with a range (an accuracy in [0, 1]), a correlation, or a proportion of a fixed number of trials.
/// </summary>
public sealed record CheckStatistic(IntervalKind Interval, double Min, double Max, int Trials = 0)
{
    /// <summary>A difference of correlations, a standardised score: the Student-t interval as it is.</summary>
    public static CheckStatistic Unbounded { get; } = new(IntervalKind.StudentT, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>A correlation per seed: the Fisher-z interval.</summary>
    public static CheckStatistic Correlation { get; } = new(IntervalKind.FisherZ, -1, 1);

    /// <summary>A mean of values in [min, max] (an accuracy, a confidence): the Student-t interval, intersected with the range.</summary>
    public static CheckStatistic Bounded(double min, double max) => new(IntervalKind.StudentT, min, max);

    /// <summary>Each seed's proportion of <paramref name="trials"/> (e.g. classes of 10): Clopper–Pearson on the trials pooled over seeds.</summary>
    public static CheckStatistic Proportion(int trials) =>
        trials > 0 ? new(IntervalKind.ClopperPearson, 0, 1, trials) : throw new ArgumentOutOfRangeException(nameof(trials), "a proportion needs at least one trial per seed");

    /// <summary>The interval at <paramref name="level"/>; the mean is the plain mean of the per-seed values.</summary>
    public MeanInterval IntervalOf(IReadOnlyList<double> values, double level = MeanInterval.Level)
    {
        switch (Interval)
        {
            case IntervalKind.FisherZ:
                return FisherZInterval.Of(values, level);
            case IntervalKind.ClopperPearson:
                {
                    int n = values.Count;
                    if (n == 0 || values.Any(double.IsNaN)) return new MeanInterval(double.NaN, double.NaN, double.NaN, n);
                    var counts = values.Select(v => v * Trials).ToArray();
                    if (counts.Any(c => Math.Abs(c - Math.Round(c)) > 1e-6 || c < -1e-9 || c > Trials + 1e-9))
                        throw new ArgumentException($"a proportion of {Trials} trials must be a whole count of them; got {string.Join(", ", values)}");
                    int k = (int)counts.Sum(Math.Round), total = Trials * n;
                    var (low, high) = ClopperPearson.Of(k, total, level);
                    return new MeanInterval(k / (double)total, low, high, n);
                }
            default:
                {
                    var t = MeanInterval.Of(values, level);
                    return t.HasInterval ? t with { Low = Math.Max(Min, t.Low), High = Math.Min(Max, t.High) } : t;
                }
        }
    }
}
