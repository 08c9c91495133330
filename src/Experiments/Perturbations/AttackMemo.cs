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
    public (IReadOnlyList<PerturbationResult> Results, double Seconds) GetOrRun(string key, IReadOnlyList<PerturbationRequest> requests,
        Func<(IReadOnlyList<PerturbationResult> Results, double Seconds)> run, out bool reused)
    {
        bool stored = false;
        var mine = new Lazy<(IReadOnlyList<PerturbationResult>, double)>(() =>
        {
            if (Disk?.TryRead(key, requests) is { } found)
            {
                stored = true;
                return found;
            }
            var computed = run();
            Disk?.Write(key, computed.Results, computed.Seconds);
            return computed;
        });
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
