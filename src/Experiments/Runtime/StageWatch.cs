using System.Diagnostics;

namespace Repro.Experiments.Runtime;

/// <summary>Wall and thread CPU time since it was started; read it on the thread that started it.</summary>
public readonly struct StageWatch
{
    readonly long _start;
    readonly double _thread;

    StageWatch(long start, double thread)
    {
        _start = start;
        _thread = thread;
    }

    public static StageWatch Start() => new(Stopwatch.GetTimestamp(), ThreadClock.Seconds());

    public double WallSeconds => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public double ThreadSeconds => ThreadClock.Seconds() - _thread;
}
