using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Repro.Results;

/// <summary>
/// The stage log of one run (<c>claims</c>, <c>reproduce</c>): every stage, the machine's matmul rates measured at the
/// start (the concurrent rate again at the end), and the run's wall and process CPU time. Written to &lt;out&gt;/bench/stages.json and stages.csv.
/// </summary>
public sealed record StageTable
{
    public const string JsonName = "stages.json";
    public const string CsvName = "stages.csv";
    public const int CurrentVersion = 1;

    public int SchemaVersion { get; init; } = CurrentVersion;
    /// <summary>The verb that ran, e.g. "reproduce".</summary>
    public required string Command { get; init; }
    public required string Profile { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required string Cpu { get; init; }
    public required int Cores { get; init; }
    /// <summary>Independent jobs side by side (--jobs).</summary>
    public required int Jobs { get; init; }
    /// <summary>libtorch intra-op threads (--threads).</summary>
    public required int Threads { get; init; }
    public required IReadOnlyList<MatmulRate> MatmulRates { get; init; }
    /// <summary>
    /// One one-thread matmul per core, started together; null in tables written before it was measured (they fall back
    /// to the older, flattering rule of <see cref="AllCoresRate"/>).
    /// </summary>
    public ConcurrentMatmulRate? ConcurrentMatmul { get; init; }
    /// <summary>
    /// The same measured again once the run's work is done; null where it was not (tables written before, and the tables
    /// shown while a run goes on). One reading can fall on a moment when another process holds a core; the floor takes the
    /// higher of the two readings, so a busy moment at either end cannot make it more lenient.
    /// </summary>
    public ConcurrentMatmulRate? ConcurrentMatmulAtEnd { get; init; }
    public required double WallSeconds { get; init; }
    /// <summary>CPU time of the whole process over the run, every thread (libtorch's included).</summary>
    public required double ProcessCpuSeconds { get; init; }
    /// <summary>Of <see cref="ProcessCpuSeconds"/>, the time spent in the kernel on the process's behalf (page faults, mapping memory); null in tables written before it was kept.</summary>
    public double? ProcessKernelSeconds { get; init; }
    /// <summary>How the C library's allocator was set for libtorch's buffers (null in tables written before it was kept).</summary>
    public string? NativeHeap { get; init; }
    /// <summary>Claims whose finished record was reused, so their stages are absent.</summary>
    public IReadOnlyList<string> Reused { get; init; } = [];
    /// <summary>Trainings answered by the weight cache: not counted, as they cost no training.</summary>
    public int CachedTrainings { get; init; }
    /// <summary>Attacks answered by the run's attack memo (an identical attack ran earlier in the run): not counted.</summary>
    public int ReusedAttacks { get; init; }
    public required IReadOnlyList<StageRecord> Stages { get; init; }
    /// <summary>Every job of the run's worker pool (empty in tables written before the pool): what <see cref="JobGraphModel"/> replays.</summary>
    public IReadOnlyList<JobRecord> PoolJobs { get; init; } = [];
    /// <summary>Every group of jobs submitted to the pool together.</summary>
    public IReadOnlyList<JobGroupRecord> PoolGroups { get; init; } = [];

    /// <summary>The matmul rate at <paramref name="threads"/>, or NaN when it was not measured.</summary>
    public double RateAt(int threads) => MatmulRates.FirstOrDefault(r => r.Threads == threads)?.FlopsPerSecond ?? double.NaN;

    /// <summary>
    /// The rate on all cores, every core busy: the highest of <see cref="ConcurrentMatmul"/> (one one-thread matmul per core at
    /// once, how the jobs use the cores), its reading at the run's end (<see cref="ConcurrentMatmulAtEnd"/>) and one matmul
    /// on <see cref="Cores"/> threads. The higher of two rates that both
    /// keep every core busy gives the lower, safer floor. A table without the concurrent rate falls back to the older rule,
    /// <see cref="Cores"/> × the one-thread rate, which assumes the cores do not slow each other down
    /// (<see cref="FloorFromConcurrentRate"/> is then false).
    /// </summary>
    public double AllCoresRate
    {
        get
        {
            double together = MatmulRates.FirstOrDefault(r => r.Threads == Cores)?.FlopsPerSecond ?? double.NaN;
            double apart = ConcurrentMatmul is { } c
                ? Math.Max(c.FlopsPerSecond, ConcurrentMatmulAtEnd?.FlopsPerSecond ?? double.NegativeInfinity)
                : RateAt(1) * Cores;
            return double.IsNaN(together) ? apart : double.IsNaN(apart) ? together : Math.Max(together, apart);
        }
    }

    /// <summary>Whether the floor comes from rates measured with every core busy (false for older tables).</summary>
    public bool FloorFromConcurrentRate => ConcurrentMatmul is not null;

    /// <summary><see cref="Cores"/> × the one-thread rate: the older floor's rate, kept to show how far it flattered.</summary>
    public double IndependentCoresRate => RateAt(1) * Cores;

    /// <summary>A stage's FLOP rate as a fraction of the matmul rate at its thread count.</summary>
    public double ShareOfMatmul(StageRecord s) => s.FlopsPerSecond / RateAt(s.Threads);

    /// <summary>The stages that count towards the totals: every kind but <see cref="StageKind.Claim"/>, which spans others.</summary>
    public IEnumerable<StageRecord> Counted => Stages.Where(s => s.Kind != StageKind.Claim);

    string KernelShare(CultureInfo c) => ProcessKernelSeconds is { } k
        ? string.Create(c, $", {k:0.0} s of it in the kernel{(NativeHeap is null ? "" : $"; {NativeHeap}")}")
        : "";

    public StageSummary Summary()
    {
        var counted = Counted.ToList();
        double flops = counted.Sum(s => s.Flops);
        double floor = flops / AllCoresRate;
        double Wall(StageKind k) => counted.Where(s => s.Kind == k).Sum(s => s.WallSeconds);
        double train = Wall(StageKind.Training), eval = Wall(StageKind.Evaluation);
        // A claim's own thread covers what it ran serially; the other stages ran on worker threads of their own.
        double threadSeconds = counted.Sum(s => double.IsNaN(s.ThreadSeconds) ? 0 : s.ThreadSeconds);
        double capacity = WallSeconds * Cores;
        return new StageSummary(counted.Count, flops, floor, WallSeconds, WallSeconds / floor, ProcessCpuSeconds / capacity, threadSeconds / capacity,
            train, eval, eval / train, Wall(StageKind.Attack), Wall(StageKind.Analysis));
    }

    /// <summary>The whole run in words: totals, the floor and the wall time as its multiple, core use, evaluation overhead.</summary>
    public IReadOnlyList<string> SummaryLines()
    {
        var m = Summary();
        var c = CultureInfo.InvariantCulture;
        string rates = string.Join(", ", MatmulRates.Select(r => string.Create(c, $"{r.FlopsPerSecond / 1e9:0.0} GFLOP/s at {r.Threads} thread(s)")));
        var lines = new List<string>
        {
            string.Create(c, $"{Command}, profile {Profile}: {m.Stages} stages, {m.TotalFlops / 1e12:0.###} TFLOP counted from the layer shapes; {Cores} cores, {Jobs} job(s) × {Threads} thread(s); matmul {MatmulRates.FirstOrDefault()?.Size}² float32: {rates}."),
            FloorLine(m, c),
            string.Create(c, $"Core use: {m.CoreUse:0%} (process CPU {ProcessCpuSeconds:0.0} s ÷ (wall × {Cores} cores){KernelShare(c)}); the stages' own threads account for {m.ThreadCoreUse:0%}."),
            string.Create(c, $"Evaluation overhead: {m.EvaluationSeconds:0.0} s evaluating (stopping checks and test set) against {m.TrainingSeconds:0.0} s of training steps = {m.EvaluationOverhead:0.0%}; attacks {m.AttackSeconds:0.0} s; analysis {m.AnalysisSeconds:0.0} s."),
        };
        var absent = new List<string>();
        if (Reused.Count > 0) absent.Add($"claims {string.Join(", ", Reused)} reused from earlier records");
        if (CachedTrainings > 0) absent.Add($"{CachedTrainings} training(s) loaded from the weight cache");
        if (ReusedAttacks > 0) absent.Add($"{ReusedAttacks} attack(s) identical to one run earlier in the run, handed out again");
        if (absent.Count > 0)
            lines.Add(string.Create(c, $"Not in the table: {string.Join("; ", absent)} (a cold run measures every claim and training)."));
        return lines;
    }

    string FloorLine(StageSummary m, CultureInfo c)
    {
        string wall = string.Create(c, $"Wall time {m.WallSeconds:0.0} s = {m.WallOverFloor:0.0} × the floor.");
        if (ConcurrentMatmul is not { } cc)
            return string.Create(c, $"Floor: {m.FloorSeconds:0.0} s (the FLOPs at the all-core matmul rate, {AllCoresRate / 1e9:0.0} GFLOP/s, by the older rule: this table has no rate measured with every core busy, so it may count {Cores} × the one-thread rate). ") + wall;
        string Reading(ConcurrentMatmulRate r) =>
            string.Join(" + ", r.PerWorker.Select(w => (w / 1e9).ToString("0.0", c))) + string.Create(c, $" = {r.FlopsPerSecond / 1e9:0.0} GFLOP/s");
        string readings = ConcurrentMatmulAtEnd is { } end
            ? $"{Reading(cc)} at the start and {Reading(end)} at the end"
            : Reading(cc);
        double old = IndependentCoresRate;
        string flattered = double.IsFinite(old) && old > 0
            ? string.Create(c, $"; {Cores} × the one-thread rate would say {old / 1e9:0.0} GFLOP/s, a floor of {m.TotalFlops / old:0.0} s and {m.WallSeconds / (m.TotalFlops / old):0.0} ×")
            : "";
        return string.Create(c, $"Floor: {m.FloorSeconds:0.0} s (the FLOPs at the all-core matmul rate, {AllCoresRate / 1e9:0.0} GFLOP/s, every core busy: {cc.Workers} one-thread matmuls at once gave {readings}, against {RateAt(1) / 1e9:0.0} for one alone{flattered}). ") + wall;
    }

    public string ToJson() => JsonSerializer.Serialize(this, ResultStore.Json);

    /// <summary>The table at <paramref name="path"/>, or null when there is none or it does not parse (a stage log is never trusted blindly, and never needed).</summary>
    public static StageTable? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var t = JsonSerializer.Deserialize<StageTable>(File.ReadAllText(path), ResultStore.Json);
            return t is { SchemaVersion: CurrentVersion, Stages: not null, MatmulRates: not null } ? t : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>One row per stage; invariant culture, full precision.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("name,kind,claim,threads,wall_s,thread_s,flops,gflop_per_s,share_of_matmul,detail\n");
        foreach (var s in Stages)
            sb.Append(Csv(s.Name)).Append(',').Append(s.Kind).Append(',').Append(Csv(s.Claim ?? "")).Append(',')
              .Append(s.Threads.ToString(CultureInfo.InvariantCulture)).Append(',').Append(N(s.WallSeconds)).Append(',')
              .Append(N(s.ThreadSeconds)).Append(',').Append(N(s.Flops)).Append(',').Append(N(s.FlopsPerSecond / 1e9)).Append(',')
              .Append(N(ShareOfMatmul(s))).Append(',').Append(Csv(s.Detail ?? "")).Append('\n');
        return sb.ToString();
    }

    static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
