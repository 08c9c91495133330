using System.Globalization;
using System.Reflection;

namespace Repro.Results;

/// <summary>
/// The pre-registration of every check: <c>threshold-register.tsv</c> at the repository's root, compiled into
/// this assembly. Each line is dated; a change appends a line and keeps the old one, so a reader sees that no
/// threshold moved after measuring without a dated reason. The claims take each check's kind, metric, comparison
/// and threshold from its current line, so code cannot restate them differently; a check without one is refused.
/// </summary>
public sealed class ThresholdRegister
{
    public const string FileName = "threshold-register.tsv";
    private static readonly string[] Header = ["date", "claim", "check", "kind", "metric", "comparison", "threshold", "reason"];
    private static readonly string[] HeaderWithAnalysis = [.. Header, "analysis"];

    private ThresholdRegister(IReadOnlyList<RegisterEntry> entries) => Entries = entries;

    /// <summary>Every line in file order (oldest first within a check).</summary>
    public IReadOnlyList<RegisterEntry> Entries { get; }

    /// <summary>The register compiled into this build.</summary>
    public static ThresholdRegister Embedded { get; } = Load();

    /// <summary>The current line of each check that is not retired, in first-registration order.</summary>
    public IReadOnlyList<RegisterEntry> Current =>
        Entries.GroupBy(e => (e.Claim, e.Check)).Select(g => g.Last()).Where(e => !e.Retired).ToList();

    public RegisterEntry? CurrentOf(string claim, string check) =>
        Entries.LastOrDefault(e => e.Claim == claim && e.Check == check) is { Retired: false } e ? e : null;

    /// <summary>
    /// Why <paramref name="check"/> of <paramref name="claim"/> disagrees with the register; null when it agrees.
    /// </summary>
    public string? Disagreement(string claim, Check check)
    {
        var e = CurrentOf(claim, check.Name);
        if (e is null) return $"{claim} check '{check.Name}' is not in {FileName}: register it (dated, with its reason) before running it";
        string kind = check.Kind.ToString().ToLowerInvariant();
        if (e.Kind != kind) return $"{claim} check '{check.Name}' is a {kind} check in code but a {e.Kind} check in {FileName} (line of {e.Date:yyyy-MM-dd})";
        if (e.Metric != check.Metric) return $"{claim} check '{check.Name}' measures '{check.Metric}' in code but '{e.Metric}' in {FileName}: append a dated line";
        if (e.Comparison != check.Comparison) return $"{claim} check '{check.Name}' compares '{check.Comparison}' in code but '{e.Comparison}' in {FileName}";
        bool same = double.IsNaN(e.Threshold) ? double.IsNaN(check.Threshold) : Math.Abs(e.Threshold - check.Threshold) <= 1e-9 * Math.Max(1, Math.Abs(e.Threshold));
        if (!same) return $"{claim} check '{check.Name}' has threshold {check.Threshold:R} in code but {e.Threshold:R} in {FileName} (line of {e.Date:yyyy-MM-dd}): append a dated line with the reason";
        return null;
    }

    public static ThresholdRegister Parse(string text, string source = FileName)
    {
        var entries = new List<RegisterEntry>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int n = 0;
        foreach (var raw in lines)
        {
            n++;
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            var f = raw.Split('\t');
            if (f.SequenceEqual(Header) || f.SequenceEqual(HeaderWithAnalysis)) continue;
            if (f.Length != Header.Length && f.Length != HeaderWithAnalysis.Length)
                throw new FormatException($"{source} line {n}: expected {Header.Length} tab-separated fields ({string.Join(", ", Header)}), or {HeaderWithAnalysis.Length} with analysis, found {f.Length}");
            string analysis = f.Length == HeaderWithAnalysis.Length ? f[8] : RegisterEntry.Primary;
            if (analysis is not (RegisterEntry.Primary or RegisterEntry.Exploratory))
                throw new FormatException($"{source} line {n}: analysis '{analysis}' is not primary or exploratory");
            if (!DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"{source} line {n}: date '{f[0]}' is not yyyy-MM-dd");
            if (f[3] is not ("claim" or "sanity" or "recorded" or "retired"))
                throw new FormatException($"{source} line {n}: kind '{f[3]}' is not claim, sanity, recorded or retired");
            double threshold = f[6] is "" or "—" ? double.NaN
                : double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t
                : throw new FormatException($"{source} line {n}: threshold '{f[6]}' is not a number (or — for none)");
            if (f[7].Trim().Length == 0) throw new FormatException($"{source} line {n}: every line needs its reason");
            var entry = new RegisterEntry(date, f[1], f[2], f[3], f[4], f[5], threshold, f[7]) { Analysis = analysis };
            var previous = entries.LastOrDefault(e => e.Claim == entry.Claim && e.Check == entry.Check);
            if (previous is not null && previous.Date > entry.Date)
                throw new FormatException($"{source} line {n}: {entry.Claim} '{entry.Check}' is dated {entry.Date:yyyy-MM-dd}, before its earlier line of {previous.Date:yyyy-MM-dd}; append, never rewrite");
            entries.Add(entry);
        }
        return new ThresholdRegister(entries);
    }

    private static ThresholdRegister Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(FileName)
                           ?? throw new InvalidOperationException($"{FileName} is not compiled into Repro.Results: rebuild");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
