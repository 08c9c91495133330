using System.Globalization;

namespace Repro.Cli.Ui;

/// <summary>
/// One figure for a whole run (the claims, then the sensitivity cells) and the time it has left. Each unit of work has an
/// expected cost in seconds (<see cref="ExpectedCosts"/>); the time left is the expected cost still to run, scaled by how
/// long the finished units took against their expectation, less the time the running units have already had.
/// Units are "claim C1" … and "sensitivity &lt;cell&gt;", the names of the stage table's claim stages. Thread-safe.
/// </summary>
public sealed class OverallProgress
{
    readonly object _gate = new();
    readonly TimeProvider _clock;
    readonly Dictionary<string, double> _expected;
    readonly Dictionary<string, long> _running = [];
    readonly HashSet<string> _finished = [];
    double _expectedFinished, _actualFinished, _ranFinished;
    readonly long _created;

    /// <summary>A unit finished: its name, the seconds it ran (null when it was not started here), and whether an earlier run's record answered it.</summary>
    public event Action<string, double?, bool>? Finished;

    /// <summary>Time since the run began.</summary>
    public TimeSpan Elapsed => _clock.GetElapsedTime(_created);

    /// <param name="expectedSeconds">Every unit the run may do, with its expected seconds (positive).</param>
    public OverallProgress(IReadOnlyDictionary<string, double> expectedSeconds, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _created = _clock.GetTimestamp();
        _expected = expectedSeconds.ToDictionary(kv => kv.Key, kv => kv.Value > 0 && double.IsFinite(kv.Value)
            ? kv.Value : throw new ArgumentOutOfRangeException(nameof(expectedSeconds), $"{kv.Key}: an expected cost must be positive (got {kv.Value})."));
    }

    public static string ClaimUnit(string claimId) => Repro.Experiments.Claims.ReproductionRun.ClaimUnit(claimId);
    public static string CellUnit(string cellName) => $"sensitivity {cellName}";

    /// <summary>A unit starts running (a second call, or a unit already finished, changes nothing).</summary>
    public void Start(string unit)
    {
        lock (_gate)
            if (_expected.ContainsKey(unit) && !_finished.Contains(unit)) _running.TryAdd(unit, _clock.GetTimestamp());
    }

    /// <summary>
    /// A unit is done. <paramref name="reused"/>: it was answered by an earlier run's record, so it cost nothing and is left
    /// out of the totals (and of the speed estimate).
    /// </summary>
    public void Finish(string unit, bool reused = false)
    {
        double? seconds;
        lock (_gate)
        {
            if (!_expected.TryGetValue(unit, out var expected) || !_finished.Add(unit)) return;
            bool ran = _running.Remove(unit, out var started);
            seconds = ran ? _clock.GetElapsedTime(started).TotalSeconds : null;
            if (reused) _expected[unit] = 0;
            else
            {
                _expectedFinished += expected;
                _actualFinished += seconds ?? expected;
                _ranFinished += seconds ?? 0;
            }
        }
        Finished?.Invoke(unit, seconds, reused);
    }

    /// <summary>Actual ÷ expected seconds of the finished units (1 before any finishes).</summary>
    public double Speed
    {
        get
        {
            lock (_gate) return _expectedFinished > 0 ? _actualFinished / _expectedFinished : 1;
        }
    }

    /// <summary>Share of the expected work done: finished units, and running ones by their time so far (at most 99% each).</summary>
    public double Fraction
    {
        get
        {
            lock (_gate)
            {
                double total = _expected.Values.Sum();
                if (total <= 0) return 1;
                double speed = Speed, done = _expectedFinished;
                foreach (var (unit, started) in _running)
                    done += _expected[unit] * Math.Min(0.99, _clock.GetElapsedTime(started).TotalSeconds / (_expected[unit] * speed));
                return Math.Clamp(done / total, 0, 1);
            }
        }
    }

    /// <summary>
    /// Expected seconds left: pending units at the current speed, running ones less the time they have had, divided by how
    /// many units have run at once on average (units of the run's plan share the workers, so each takes longer than alone
    /// while several finish together; one after another this is 1).
    /// </summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (_gate)
            {
                double speed = Speed, left = 0, busy = _ranFinished;
                foreach (var (unit, expected) in _expected)
                {
                    if (_finished.Contains(unit)) continue;
                    double had = _running.TryGetValue(unit, out var started) ? _clock.GetElapsedTime(started).TotalSeconds : 0;
                    busy += had;
                    left += Math.Max(0, expected * speed - had);
                }
                double elapsed = Elapsed.TotalSeconds;
                double together = elapsed > 0 ? Math.Max(1, busy / elapsed) : 1;
                return TimeSpan.FromSeconds(left / together);
            }
        }
    }

    /// <summary>"all 37% · about 21 min left".</summary>
    public string Describe()
    {
        double f = Fraction;
        var left = Remaining;
        string time = left.TotalMinutes >= 1.5 ? $"about {Math.Round(left.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min left"
            : left.TotalSeconds > 0 ? "under 2 min left" : "finishing";
        return $"all {f.ToString("0%", CultureInfo.InvariantCulture)} · {time}";
    }
}
