using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Experiments.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Perturbations;

/// <summary>
/// Attack results, kept in memory (and, with an <see cref="AttackCache"/>, on disk between runs) and handed out again for an identical attack: the same weights (every
/// parameter and buffer, bit for bit), attack settings, image size, noise σ and jitter, batch limit, requests (feed,
/// target, count, stop), seed and thread count, device (on CUDA the GPU, driver and CUDA), and the same outputs on a fixed probe input. On the CPU such an attack
/// gives the same bits, so the copy is what a rerun would give (elsewhere it is not used); its time is the time the attack
/// took when it ran.
/// </summary>
/// <remarks>
/// Why: the sensitivity study reruns every claim with one reading changed, and most of its attacks do not depend on that
/// reading (its default row, the untrained twins, the zero feed under another noise σ, networks the validation rule leaves
/// as they were). Timed experiments (C7, the benchmark) never use it. Each caller gets its own copy of the arrays.
/// </remarks>
/// <param name="disk">Where attacks are also kept between runs (null: this run's memory only).</param>
public sealed class AttackMemo(AttackCache? disk = null)
{
    readonly ConcurrentDictionary<string, Lazy<(IReadOnlyList<PerturbationResult> Results, double Seconds)>> _results = new();
    int _reused, _fromDisk;

    /// <summary>Attacks answered from the memo (from memory or from disk).</summary>
    public int Reused => Volatile.Read(ref _reused);

    /// <summary>Attacks answered from the disk cache, which an earlier run wrote.</summary>
    public int FromDisk => Volatile.Read(ref _fromDisk);

    public AttackCache? Disk { get; } = disk;

    /// <summary>
    /// The results of <paramref name="run"/> for this attack, computed once, and the seconds that computation took; a
    /// failed or cancelled computation is not kept.
    /// </summary>
    /// <param name="reused">Whether an earlier computation answered.</param>
    /// <param name="prefix">For an attack that stops on iterations alone: its family and length, and how it goes on from a
    /// shorter run of the family, which the memo then uses instead of <paramref name="run"/> (the longest shorter run it holds).</param>
    public (IReadOnlyList<PerturbationResult> Results, double Seconds) GetOrRun(string key, IReadOnlyList<PerturbationRequest> requests,
        Func<(IReadOnlyList<PerturbationResult> Results, double Seconds)> run, out bool reused, Prefix? prefix = null)
    {
        bool stored = false;
        Lazy<(IReadOnlyList<PerturbationResult>, double)>? self = null;
        var mine = new Lazy<(IReadOnlyList<PerturbationResult>, double)>(() =>
        {
            if (Disk?.TryRead(key, requests) is { } found)
            {
                stored = true;
                Join(prefix, self!);
                return found;
            }
            var computed = prefix is not null && Shorter(prefix) is { } shorter ? prefix.Continue(shorter.Results, shorter.Seconds) : run();
            Disk?.Write(key, computed.Results, computed.Seconds);
            Join(prefix, self!);
            return computed;
        });
        self = mine;
        var lazy = _results.GetOrAdd(key, mine);
        (IReadOnlyList<PerturbationResult> Results, double Seconds) kept;
        try { kept = lazy.Value; }
        catch
        {
            _results.TryRemove(new KeyValuePair<string, Lazy<(IReadOnlyList<PerturbationResult>, double)>>(key, lazy));
            throw;
        }
        reused = !ReferenceEquals(lazy, mine) || stored;
        if (stored) Interlocked.Increment(ref _fromDisk);
        if (reused) Interlocked.Increment(ref _reused);
        return ([.. kept.Results.Select((r, i) => Copy(r, requests[i]))], kept.Seconds);
    }

    /// <summary>An attack that iterations alone stop, as one of its family (the same attack at any length).</summary>
    /// <param name="Family">The family's key (<see cref="FamilyKey"/>).</param>
    /// <param name="Iterations">This attack's length.</param>
    /// <param name="Continue">The attack, run on from a shorter member's results and seconds.</param>
    public sealed record Prefix(string Family, int Iterations,
        Func<IReadOnlyList<PerturbationResult>, double, (IReadOnlyList<PerturbationResult> Results, double Seconds)> Continue);

    readonly Dictionary<string, List<(int Iterations, Lazy<(IReadOnlyList<PerturbationResult> Results, double Seconds)> Run)>> _families = [];
    int _continued;

    /// <summary>Attacks run on from a shorter run of themselves instead of from the start.</summary>
    public int Continued => Volatile.Read(ref _continued);

    void Join(Prefix? prefix, Lazy<(IReadOnlyList<PerturbationResult>, double)> run)
    {
        if (prefix is null) return;
        lock (_families)
        {
            if (!_families.TryGetValue(prefix.Family, out var members)) _families[prefix.Family] = members = [];
            members.Add((prefix.Iterations, run));
        }
    }

    /// <summary>The longest finished member of the family shorter than <paramref name="prefix"/>, if any.</summary>
    (IReadOnlyList<PerturbationResult> Results, double Seconds)? Shorter(Prefix prefix)
    {
        Lazy<(IReadOnlyList<PerturbationResult> Results, double Seconds)>? best = null;
        lock (_families)
        {
            if (!_families.TryGetValue(prefix.Family, out var members)) return null;
            int longest = 0;
            foreach (var (n, run) in members)
                if (n < prefix.Iterations && n > longest && run.IsValueCreated)
                    (longest, best) = (n, run);
        }
        if (best is null) return null;
        Interlocked.Increment(ref _continued);
        return best.Value;
    }

    /// <summary>
    /// The one iteration count that alone stops every request of the attack (the settings' stop where a request has none), or
    /// null when any request's stop reads a loss, a confidence or the prediction, or the counts differ: only then is a
    /// longer run the shorter run continued.
    /// </summary>
    public static int? IterationsOnly(AttackSettings settings, IReadOnlyList<PerturbationRequest> requests)
    {
        var stops = requests.Select(r => r.Stop ?? settings.Stop).ToList();
        if (stops.Any(s => s.MaxLoss is not null || s.MinConfidence is not null || s.UntilPredicted)) return null;
        return stops.Select(s => s.MaxIterations).Distinct().Count() == 1 ? stops[0].MaxIterations : null;
    }

    /// <summary>The key of an attack's family: its <see cref="Key"/> with every stop's iteration count left out.</summary>
    public static string FamilyKey(nn.Module<Tensor, Tensor> model, int classCount, AttackSettings settings, int height, int width, double noiseSigma,
        double zeroFeedJitter, int maxBatch, IReadOnlyList<PerturbationRequest> requests, int seed, Device device) =>
        "family " + Key(model, classCount, settings with { Stop = AnyLength }, height, width, noiseSigma, zeroFeedJitter, maxBatch,
            [.. requests.Select(r => r with { Stop = null })], seed, device);

    /// <summary>The stop a family key puts in place of every iteration count (never a real one: a limit must be positive).</summary>
    static readonly StopCondition AnyLength = new(null, null, 0);

    static PerturbationResult Copy(PerturbationResult r, PerturbationRequest request) =>
        new(request, (float[])r.Image.Clone(), [.. r.Examples.Select(e => e with { Initial = (float[])e.Initial.Clone(), Final = (float[])e.Final.Clone() })]);

    /// <summary>The memo key of an attack: SHA-256 over everything that determines its result.</summary>
    public static string Key(nn.Module<Tensor, Tensor> model, int classCount, AttackSettings settings, int height, int width, double noiseSigma,
        double zeroFeedJitter, int maxBatch, IReadOnlyList<PerturbationRequest> requests, int seed, Device device)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var description = JsonSerializer.Serialize(new
        {
            model = model.GetType().FullName,
            classCount,
            settings,
            height,
            width,
            // Noise feed and AAI draw from σ, zero feed from the jitter: each counts only where a request draws from it.
            noiseSigma = requests.Any(r => r.Feed != Feed.Zero) ? noiseSigma : (double?)null,
            zeroFeedJitter = requests.Any(r => r.Feed == Feed.Zero) ? zeroFeedJitter : (double?)null,
            maxBatch,
            requests = requests.Select(r => new { r.Feed, r.Target, r.Count, r.Stop }),
            seed,
            device = device.ToString(),
            // More intra-op threads can sum in another order.
            threads = Runtime.TorchRuntime.IntraOpThreads,
            // Other attack code can give other bits from the same inputs.
            code = Runtime.ScienceVersion.AttackCode,
            libtorch = Runtime.TorchRuntime.LibTorchVersion,
            torchSharp = Runtime.TorchRuntime.TorchSharpVersion,
        }, KeyJson);
        hash.AppendData(Encoding.UTF8.GetBytes(description));
        // On CUDA the GPU, its driver and CUDA too; nothing on the CPU, so CPU keys stay as they were.
        if (Runtime.GpuInfo.KeyOf(device) is { } gpu) hash.AppendData(Encoding.UTF8.GetBytes("\ndevice " + gpu));
        using var scope = NewDisposeScope();
        foreach (var (name, t) in model.state_dict())
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}:{t.dtype}:{string.Join('x', t.shape)};"));
            var cpu = t.detach().cpu().contiguous();
            hash.AppendData(cpu.bytes);
        }
        // The network's outputs on a fixed input: what the weights alone do not say (padding, pooling, layer order).
        bool was = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var gen = new Generator(ProbeSeed);
            var probe = rand([2, 1, height, width], generator: gen).to(device);
            hash.AppendData(model.forward(probe).detach().cpu().contiguous().bytes);
        }
        finally { model.train(was); }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    const ulong ProbeSeed = 0x4D45_4D4F;

    /// <summary>A loss threshold may be +∞ (no stop on the loss).</summary>
    static readonly JsonSerializerOptions KeyJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
}
