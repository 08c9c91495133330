using System.Globalization;
using Repro.Results;

namespace Repro.Report;

/// <summary>
/// How numbers are shown in the report: three decimals where that keeps three significant digits,
/// three significant digits below that, exponent notation for the very small or very large. Records are never rounded.
/// </summary>
public static class Num
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string F(double x)
    {
        if (double.IsNaN(x)) return "n/a";
        if (double.IsPositiveInfinity(x)) return "∞";
        if (double.IsNegativeInfinity(x)) return "-∞";
        if (x == 0) return "0";
        double a = Math.Abs(x);
        string s;
        if (a >= 1e6 || a < 1e-3) s = x.ToString("0.##e+0", Inv);
        else if (a < 0.1) s = RoundSignificant(x, 3).ToString("0.######", Inv);
        else s = Math.Round(x, 3, MidpointRounding.AwayFromZero).ToString("0.###", Inv);
        return s == "-0" ? "0" : s;
    }

    /// <summary>"mean ± sd", or just the value for a single measurement.</summary>
    public static string F(Metric m) => m.Values.Count <= 1 ? F(m.Mean) : $"{F(m.Mean)} ± {Sd(m.Mean, m.Sd)}";

    /// <summary>A spread beside a mean shown with three decimals keeps to three decimals ("0.953 ± 0.001", "± &lt;0.001").</summary>
    public static string Sd(double mean, double sd)
    {
        double a = Math.Abs(mean);
        if (!double.IsFinite(sd) || !double.IsFinite(mean) || a < 0.1 || a >= 1e6 || sd == 0) return F(sd);
        return sd < 0.0005 ? "<0.001" : Math.Round(sd, 3, MidpointRounding.AwayFromZero).ToString("0.###", Inv);
    }

    /// <summary>Seconds, with minutes beside them from two minutes on.</summary>
    public static string Seconds(double s) =>
        double.IsFinite(s) && s >= 120 ? $"{F(s)} s ({F(s / 60)} min)" : $"{F(s)} s";

    public static string Seconds(Metric m) =>
        m.Values.Count <= 1 ? Seconds(m.Mean) : $"{F(m.Mean)} ± {Sd(m.Mean, m.Sd)} s" + (m.Mean >= 120 ? $" ({F(m.Mean / 60)} min)" : "");

    /// <summary>
    /// "[lo, hi]" for a 95% interval, marked "z" when it is Fisher z and "exact" when it is Clopper–Pearson, and followed by the
    /// family-wise interval that decides a family member ("; family of 12: [lo, hi]"); "n = 1, none" when a single value has none.
    /// </summary>
    public static string Interval(Check c)
    {
        if (double.IsNaN(c.CiLow) || double.IsNaN(c.CiHigh)) return c.PerSeed.Count <= 1 ? "none (n = 1)" : "n/a";
        string kind = c.Interval switch { IntervalKind.FisherZ => " z", IntervalKind.ClopperPearson => " exact", _ => "" };
        string family = c.Family is not null && !double.IsNaN(c.FamilyCiLow) ? $"; family of {c.FamilySize}: [{F(c.FamilyCiLow)}, {F(c.FamilyCiHigh)}]" : "";
        return $"[{F(c.CiLow)}, {F(c.CiHigh)}]{kind}{family}";
    }

    /// <summary>A p-value with two significant digits, or "—".</summary>
    public static string P(double? p) => p is { } v ? (v < 1e-3 ? v.ToString("0.0e+0", Inv) : RoundSignificant(v, 2).ToString("0.####", Inv)) : "—";

    /// <summary>A check's p: "≤ 1.0e-4" when it is a Monte-Carlo floor, and the Holm-adjusted p beside it in a family.</summary>
    public static string P(Check c)
    {
        if (c.P is null) return "—";
        string rel = c.PIsBound ? "≤ " : "";
        string adjusted = c.Family is not null && c.PAdjusted is { } a ? $" (Holm {rel}{P(a)})" : "";
        return $"{rel}{P(c.P)}{adjusted}";
    }

    /// <summary>", p = 0.004" or ", p ≤ 1.0e-4", with the Holm-adjusted p in a family; empty without a p.</summary>
    public static string PClause(Check c) => c.P is null ? "" : c.PIsBound ? $", p {P(c)}" : $", p = {P(c)}";

    /// <summary>"≥ 0.6", "≥ 0.2 at p < 0.01", or "—" for a value without a threshold.</summary>
    public static string Threshold(Check c) =>
        c.Comparison.Length == 0 ? "—" : $"{c.Comparison} {F(c.Threshold)}" + (c.Alpha is { } a ? $", p < {F(a)}" : "");

    /// <summary>The full-precision, culture-invariant form used in machine-readable output (CSV).</summary>
    public static string Raw(double x) => x.ToString("R", Inv);

    private static double RoundSignificant(double x, int digits)
    {
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(x))) + 1;
        int decimals = Math.Clamp(digits - magnitude, 0, 15);
        return Math.Round(x, decimals, MidpointRounding.AwayFromZero);
    }
}
