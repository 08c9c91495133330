namespace Repro.Tests.Shared;

/// <summary>
/// How closely two values computed apart must agree. On the CPU the same code, seed and thread count give the same bits, so
/// comparisons there stay exact (<see cref="double.Equals(double)"/>: NaN equals NaN). Elsewhere they are tolerant, with the
/// tolerance stated: |a − b| ≤ <see cref="Absolute"/> + <see cref="Relative"/> · max(|a|, |b|).
/// </summary>
public sealed record DeviceTolerance(double Absolute, double Relative)
{
    /// <summary>Bit for bit: the CPU.</summary>
    public static DeviceTolerance Exact { get; } = new(0, 0);

    /// <summary>
    /// Two runs on one GPU (the sensitivity study's default row against the main record). With deterministic algorithms they
    /// should agree bit for bit; this allows float32 reductions summed in another order (a few ulps, amplified by an attack's
    /// steps), far below any threshold's margin. Never measured: no GPU has run this suite.
    /// </summary>
    public static DeviceTolerance SameGpu { get; } = new(1e-6, 1e-4);

    /// <summary>
    /// The same attack on the GPU and on the CPU (the Category=Gpu test): other kernels sum in another order, and an attack's
    /// steps carry the difference forward. Pixel values are in about [−1, 2]. Never measured: no GPU has run it.
    /// </summary>
    public static DeviceTolerance GpuAgainstCpu { get; } = new(1e-4, 1e-3);

    /// <summary>The tolerance for values a run on <paramref name="device"/> ("cpu", "cuda"; as REPRO_DEVICE names it) compares with each other.</summary>
    public static DeviceTolerance For(string device) =>
        string.Equals(device, "cpu", StringComparison.OrdinalIgnoreCase) ? Exact : SameGpu;

    public bool IsExact => Absolute == 0 && Relative == 0;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> agree: exactly when <see cref="IsExact"/>, else within the bound (NaN only with NaN, an infinity only with itself).</summary>
    public bool Agree(double a, double b)
    {
        if (a.Equals(b)) return true;
        if (IsExact || !double.IsFinite(a) || !double.IsFinite(b)) return false;
        return Math.Abs(a - b) <= Absolute + Relative * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    /// <summary>The rule, for failure messages and the README.</summary>
    public override string ToString() =>
        IsExact ? "exactly (bit for bit)" : FormattableString.Invariant($"within |a − b| ≤ {Absolute:G} + {Relative:G} · max(|a|, |b|)");
}
