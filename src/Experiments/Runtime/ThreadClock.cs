using System.Runtime.InteropServices;

namespace Repro.Experiments.Runtime;

/// <summary>
/// CPU time of the calling thread (clock_gettime with the thread CPU clock). Process time would count the other jobs
/// running side by side; this counts only the thread that ran the stage. NaN where no thread clock is available.
/// </summary>
public static class ThreadClock
{
    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    // CLOCK_THREAD_CPUTIME_ID: 3 on Linux, 16 on macOS.
    static readonly int? ClockId = OperatingSystem.IsLinux() ? 3 : OperatingSystem.IsMacOS() ? 16 : null;

    public static bool Available { get; } = ClockId is not null && Probe();

    /// <summary>Seconds of CPU this thread has used; NaN when unavailable.</summary>
    public static double Seconds()
    {
        if (!Available) return double.NaN;
        return ClockGetTime(ClockId!.Value, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : double.NaN;
    }

    static bool Probe()
    {
        try { return ClockGetTime(ClockId!.Value, out _) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }
}
