using System.Text.Json;
using Repro.Results;

namespace Repro.Cli.Ui;

/// <summary>
/// Expected seconds of each unit of a run, for <see cref="OverallProgress"/>: the last run's stage table where it has the
/// unit (same profile), else the reference run shipped with the project (reference-costs.json: a cold run of the quick
/// profile on the 2-core CI machine), else the median of the others. Only the time-left estimate reads them; it corrects
/// itself as units finish.
/// </summary>
public static class ExpectedCosts
{
    public const string ReferenceResource = "reference-costs.json";

    public static IReadOnlyDictionary<string, double> For(IEnumerable<string> units, string profile, StageTable? last)
    {
        var known = Known(profile, last);
        var list = units.ToList();
        var found = list.Where(known.ContainsKey).Select(u => known[u]).Order().ToList();
        double fallback = found.Count > 0 ? found[found.Count / 2] : 60;
        return list.Distinct().ToDictionary(u => u, u => Math.Max(known.GetValueOrDefault(u, fallback), 0.1));
    }

    /// <summary>Any unit's expected seconds, as <see cref="For"/> finds them (the median of the known ones where it finds none): what a run orders its units by.</summary>
    public static Func<string, double> Of(string profile, StageTable? last)
    {
        var known = Known(profile, last);
        var sorted = known.Values.Order().ToList();
        double fallback = sorted.Count > 0 ? sorted[sorted.Count / 2] : 60;
        return unit => Math.Max(known.GetValueOrDefault(unit, fallback), 0.1);
    }

    /// <summary>The reference run's seconds, overlaid by the last run's claim stages (the longest of a name: a cell's computation, not its later rerun on the caches).</summary>
    private static Dictionary<string, double> Known(string profile, StageTable? last)
    {
        var known = new Dictionary<string, double>();
        if (Reference() is { } reference && reference.Profile == profile)
            foreach (var (unit, seconds) in reference.Seconds) known[unit] = seconds;
        if (last is not null && last.Profile == profile)
            foreach (var g in last.Stages.Where(s => s.Kind == StageKind.Claim && s.WallSeconds > 0).GroupBy(s => s.Name))
                known[g.Key] = g.Max(s => s.WallSeconds);
        return known;
    }

    /// <summary>
    /// A unit's expected seconds from the shipped reference run alone (the median of its units where it lacks one; 60 s for a
    /// profile it does not cover): what a plan of shards reads, so that every machine of a matrix computes the same plan.
    /// </summary>
    public static Func<string, double> ReferenceOnly(string profile)
    {
        var known = Reference() is { } reference && reference.Profile == profile ? reference.Seconds : new Dictionary<string, double>();
        var sorted = known.Values.Order().ToList();
        double fallback = sorted.Count > 0 ? sorted[sorted.Count / 2] : 60;
        return unit => Math.Max(known.GetValueOrDefault(unit, fallback), 0.1);
    }

    /// <summary>The shipped reference: claim-stage seconds of one cold run.</summary>
    private sealed record ReferenceRun(string Profile, string Source, IReadOnlyDictionary<string, double> Seconds);

    private static ReferenceRun? Reference()
    {
        using var stream = typeof(ExpectedCosts).Assembly.GetManifestResourceStream(ReferenceResource);
        return stream is null ? null : JsonSerializer.Deserialize<ReferenceRun>(stream, ResultStore.Json);
    }
}
