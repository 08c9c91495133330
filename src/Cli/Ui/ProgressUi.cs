using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Repro.Cli.Ui;

/// <summary>
/// Progress bars (description, bar, percentage, elapsed time, rate) on the injected console, or none when they are off
/// (--quiet, output redirected, or a console that cannot redraw). Without bars, <paramref name="log"/> (when given: output
/// redirected, not --quiet) gets one line per finished unit of a run instead. Work runs on the thread pool so the bars keep
/// drawing while libtorch computes.
/// </summary>
public sealed class ProgressUi(IAnsiConsole console, bool enabled, TextWriter? log = null)
{
    public bool Enabled => enabled;

    public Task<T> RunAsync<T>(Func<ProgressBars, T> work) => RunAsync(bars => Task.Run(() => work(bars)));

    public async Task<T> RunAsync<T>(Func<ProgressBars, Task<T>> work)
    {
        if (!enabled) return await Task.Run(() => work(log is null ? ProgressBars.None : ProgressBars.Logging(log))).ConfigureAwait(false);
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 }, new PercentageColumn(),
                new ElapsedTimeColumn(), new RateColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bars = new ProgressBars(ctx);
                try
                {
                    return await Task.Run(() => work(bars)).ConfigureAwait(false);
                }
                finally
                {
                    bars.StopAll();
                }
            }).ConfigureAwait(false);
    }
}

/// <summary>The bars of one progress display; <see cref="None"/> hands out bars that draw nothing.</summary>
public sealed class ProgressBars
{
    readonly ProgressContext? _context;
    readonly List<Bar> _bars = [];

    internal ProgressBars(ProgressContext? context, TextWriter? log = null)
    {
        _context = context;
        Log = log;
    }

    public static ProgressBars None { get; } = new(null);

    /// <summary>No bars, but a log that a run's overall progress writes a line to as each unit finishes.</summary>
    public static ProgressBars Logging(TextWriter log) => new(null, log);

    /// <summary>Where finished units are logged when there are no bars; null when there is no such log.</summary>
    public TextWriter? Log { get; }

    /// <summary>A bar from 0 to <paramref name="max"/>; the rate column shows value changes per second × <paramref name="rateScale"/> in <paramref name="rateUnit"/>/s.</summary>
    public Bar Add(string description, double max, string? rateUnit = null, double rateScale = 1, bool indeterminate = false)
    {
        if (_context is null) return Bar.Null;
        var task = _context.AddTask(Bar.Fit(description), autoStart: true, maxValue: Math.Max(max, 1e-9));
        task.IsIndeterminate = indeterminate;
        task.Tag = rateUnit is null ? null : new RateInfo(rateUnit, rateScale);
        var bar = new Bar(task);
        lock (_bars) _bars.Add(bar);
        return bar;
    }

    internal void StopAll()
    {
        lock (_bars)
            foreach (var b in _bars) b.Stop();
    }
}

/// <summary>One progress bar; all members are safe to call from any thread.</summary>
public sealed class Bar
{
    readonly ProgressTask? _task;

    internal Bar(ProgressTask? task) => _task = task;

    internal static Bar Null { get; } = new(null);

    /// <summary>Longest description shown, so the bar and its columns fit in 80 columns.</summary>
    public const int MaxDescription = 42;

    internal static string Fit(string description) =>
        Markup.Escape(description.Length <= MaxDescription ? description : description[..(MaxDescription - 1)] + "…");

    public void Set(double value, string? description = null)
    {
        if (_task is null) return;
        if (description is not null) _task.Description = Fit(description);
        _task.Value = Math.Min(value, _task.MaxValue);
    }

    public void Describe(string description)
    {
        if (_task is not null) _task.Description = Fit(description);
    }

    public void SetMax(double max)
    {
        if (_task is not null) _task.MaxValue = Math.Max(max, 1e-9);
    }

    /// <summary>Fills the bar and stops its clock.</summary>
    public void Complete(string? description = null)
    {
        if (_task is null) return;
        if (description is not null) _task.Description = Fit(description);
        _task.IsIndeterminate = false;
        _task.Value = _task.MaxValue;
        _task.StopTask();
    }

    internal void Stop() => _task?.StopTask();
}

sealed record RateInfo(string Unit, double Scale);

/// <summary>Value changes per second of a task, scaled and with a unit, e.g. "1.2k samples/s".</summary>
sealed class RateColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        if (task.Tag is not RateInfo info || task.Speed is not { } speed || speed <= 0 || task.IsFinished)
            return Text.Empty;
        var v = speed * info.Scale;
        var text = v switch
        {
            >= 1e6 => (v / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M",
            >= 1e3 => (v / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + "k",
            >= 10 => v.ToString("0", CultureInfo.InvariantCulture),
            _ => v.ToString("0.00", CultureInfo.InvariantCulture),
        };
        return new Text($"{text} {info.Unit}/s", new Style(Color.Grey));
    }
}
