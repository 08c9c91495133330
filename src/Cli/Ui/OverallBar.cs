namespace Repro.Cli.Ui;

/// <summary>
/// The first bar of a progress display: <see cref="OverallProgress"/>'s share and time left, redrawn every second (the time
/// left moves while a long unit runs, between its own progress reports).
/// </summary>
public sealed class OverallBar : IDisposable
{
    readonly Bar _bar;
    readonly OverallProgress _overall;
    readonly Timer _timer;

    public OverallBar(ProgressBars bars, OverallProgress overall)
    {
        _overall = overall;
        _bar = bars.Add(overall.Describe(), 1);
        _timer = new Timer(_ => Refresh(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public void Refresh() => _bar.Set(_overall.Fraction, _overall.Describe());

    public void Dispose()
    {
        _timer.Dispose();
        Refresh();
    }
}
