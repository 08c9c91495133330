using System.Globalization;

namespace Repro.Cli.Ui;

/// <summary>
/// The first bar of a progress display: <see cref="OverallProgress"/>'s share and time left, redrawn every second (the time
/// left moves while a long unit runs, between its own progress reports). Where there are no bars but a log (output redirected,
/// as in CI), one line per finished unit with the time left instead, so that a long run is never silent.
/// </summary>
public sealed class OverallBar : IDisposable
{
    readonly Bar _bar;
    readonly OverallProgress _overall;
    readonly Timer _timer;
    readonly TextWriter? _log;

    public OverallBar(ProgressBars bars, OverallProgress overall)
    {
        _overall = overall;
        _bar = bars.Add(overall.Describe(), 1);
        _timer = new Timer(_ => Refresh(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        _log = bars.Log;
        if (_log is not null) overall.Finished += LogLine;
    }

    public void Refresh() => _bar.Set(_overall.Fraction, _overall.Describe());

    void LogLine(string unit, double? seconds, bool reused)
    {
        lock (_log!)
        {
            _log.WriteLine(Line(_overall, unit, seconds, reused));
            _log.Flush();
        }
    }

    /// <summary>"[00:12:05] claim C1: done in 142.0 s · all 37% · about 21 min left".</summary>
    public static string Line(OverallProgress overall, string unit, double? seconds, bool reused)
    {
        var at = overall.Elapsed;
        string what = reused ? "finished earlier, reused" : seconds is { } s ? $"done in {s.ToString("0.0", CultureInfo.InvariantCulture)} s" : "done";
        return $"[{(int)at.TotalHours:00}:{at.Minutes:00}:{at.Seconds:00}] {unit}: {what} · {overall.Describe()}";
    }

    public void Dispose()
    {
        if (_log is not null) _overall.Finished -= LogLine;
        _timer.Dispose();
        Refresh();
    }
}
