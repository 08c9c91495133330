using Repro.Experiments.Attacks;
using Repro.Experiments.Bench;
using Repro.Results;
using TorchSharp;
using static TorchSharp.torch;
using Repro.Experiments.Runtime;
using Repro.Experiments.Models;

namespace Repro.Experiments.Perturbations;

/// <summary>
/// Runs many perturbation requests as one batched attack (chunked only to bound memory), then
/// reduces each request's ADEs to its AP. Noise comes from one seeded generator, in request order.
/// With <paramref name="zeroFeedJitter"/> &gt; 0 the zero feed starts from N(0, jitter²) instead of exact zeros, and its
/// AP is final − initial like noise feed's.
/// </summary>
public sealed class PerturbationRunner(InputGradientAttack attack, int height, int width, double noiseSigma = 0.3, int maxBatch = 4096, double zeroFeedJitter = 0)
{
    public double NoiseSigma { get; } = noiseSigma > 0 ? noiseSigma : throw new ArgumentOutOfRangeException(nameof(noiseSigma), "The noise σ must be positive.");
    /// <summary>Mixed into the seed of the zero-feed jitter's generator.</summary>
    public const ulong JitterSeedMask = 0x5EED_717E_4000_0001;

    public double ZeroFeedJitter { get; } = zeroFeedJitter >= 0 ? zeroFeedJitter : throw new ArgumentOutOfRangeException(nameof(zeroFeedJitter), "The zero-feed jitter σ must be 0 or positive.");

    /// <summary>When set, every attack batch is recorded there as a stage (observation only).</summary>
    public AttackStage? Stage { get; init; }

    /// <summary>When set, an identical attack run earlier is handed out again instead of rerun (white box only).</summary>
    public AttackMemo? Memo { get; init; }

    public IReadOnlyList<PerturbationResult> Run(IReadOnlyList<PerturbationRequest> requests, int seed, Device? device = null,
        IProgress<AttackProgress>? progress = null, CancellationToken cancel = default) =>
        RunTimed(requests, seed, device, progress, cancel).Results;

    /// <summary><see cref="Run"/>, with the seconds the attack took (when the memo answers, the seconds it took when it ran).</summary>
    public (IReadOnlyList<PerturbationResult> Results, double Seconds) RunTimed(IReadOnlyList<PerturbationRequest> requests, int seed, Device? device = null,
        IProgress<AttackProgress>? progress = null, CancellationToken cancel = default)
    {
        if (requests.Count == 0) throw new ArgumentException("No perturbations were requested.");
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), $"The batch size must be positive (got {maxBatch}).");
        foreach (var r in requests) r.Validate();
        device ??= CPU;
        // An estimated gradient draws its own queries: only autograd's attack is a function of the key alone, and only on
        // the CPU does a rerun repeat the bits.
        if (Memo is { } memo && attack.Gradient is AutogradInputGradient && device.type == DeviceType.CPU)
        {
            string key = AttackMemo.Key(attack.Model, attack.ClassCount, attack.Settings, height, width, NoiseSigma, ZeroFeedJitter, maxBatch, requests, seed, device);
            // An attack that stops on iterations alone goes on from a shorter run of itself in the memo, if there is one.
            var prefix = AttackMemo.IterationsOnly(attack.Settings, requests) is { } n
                ? new AttackMemo.Prefix(AttackMemo.FamilyKey(attack.Model, attack.ClassCount, attack.Settings, height, width, NoiseSigma, ZeroFeedJitter, maxBatch, requests, seed, device), n,
                    (shorter, seconds) => Timed(requests, seed, device, progress, cancel, shorter, seconds))
                : null;
            var run = memo.GetOrRun(key, requests, () => Timed(requests, seed, device, progress, cancel), out bool reused, prefix);
            if (reused) Stage?.Log.CountReusedAttack();
            return run;
        }
        return Timed(requests, seed, device, progress, cancel);
    }

    /// <param name="shorter">The results of a shorter run of this attack (iterations alone stop it) to go on from; null: from the start.</param>
    /// <param name="shorterSeconds">What the shorter run took, counted in, so the seconds are those of the whole attack.</param>
    private (IReadOnlyList<PerturbationResult>, double) Timed(IReadOnlyList<PerturbationRequest> requests, int seed, Device device,
        IProgress<AttackProgress>? progress, CancellationToken cancel, IReadOnlyList<PerturbationResult>? shorter = null, double shorterSeconds = 0)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = RunUncached(requests, seed, device, progress, cancel, shorter);
        return (results, shorterSeconds + watch.Elapsed.TotalSeconds);
    }

    private List<PerturbationResult> RunUncached(IReadOnlyList<PerturbationRequest> requests, int seed, Device device,
        IProgress<AttackProgress>? progress, CancellationToken cancel, IReadOnlyList<PerturbationResult>? shorter = null)
    {
        int pixels = height * width;
        int total = requests.Sum(r => r.Count);
        var from = shorter?.SelectMany(r => r.Examples).ToArray();
        if (from is not null && (shorter!.Count != requests.Count || from.Length != total))
            throw new ArgumentException($"The shorter run holds {shorter.Count} requests and {from.Length} ADEs; this attack asks for {requests.Count} and {total}.");

        // Initial inputs, built on the CPU from one seeded generator so every device sees the same noise.
        var initial = new float[checked(total * pixels)];
        var targets = new int[total];
        var stops = new StopCondition[total];
        // The jitter has its own generator, so the noise of noise feed and AAI is the same with or without it.
        using (var gen = new Generator((ulong)seed))
        using (var jitterGen = new Generator((ulong)seed ^ JitterSeedMask))
        {
            int at = 0;
            foreach (var r in requests)
            {
                double sigma = r.Feed == Feed.Zero ? ZeroFeedJitter : NoiseSigma;
                if (sigma > 0)
                {
                    using var heldSigma = sigma.ToScalar();
                    using var noise = randn([r.Count, pixels], generator: r.Feed == Feed.Zero ? jitterGen : gen).mul_(heldSigma);
                    noise.data<float>().CopyTo(initial, at * pixels);
                }
                for (int k = 0; k < r.Count; k++, at++)
                {
                    targets[at] = r.Target;
                    stops[at] = r.Stop ?? attack.Settings.Stop;
                }
            }
        }

        var examples = new List<AdversarialExample>(total);
        for (int start = 0; start < total; start += maxBatch)
        {
            int count = Math.Min(maxBatch, total - start);
            using var scope = NewDisposeScope();
            var x = tensor(initial.AsSpan(start * pixels, count * pixels).ToArray(), [count, 1, height, width], device: device);
            var watch = StageWatch.Start();
            var result = attack.Run(x, targets[start..(start + count)], stops[start..(start + count)], progress, cancel, from?[start..(start + count)]);
            if (Stage is { } s)
            {
                // Every step runs the whole batch (stopped samples are frozen, not removed), and the last step is a forward pass only.
                double flops = FlopCount.Forward(s.Network) * count * (FlopCount.AttackIterationForwards * result.Steps + 1);
                s.Log.Record($"attack {s.Label} ({count} ADEs, {result.Steps} it)", StageKind.Attack, watch, flops,
                    $"{requests.Count} request(s); batch × (2 × steps + 1) forward");
            }
            examples.AddRange(result.Examples);
        }

        var results = new List<PerturbationResult>(requests.Count);
        int pos = 0;
        foreach (var r in requests)
        {
            var mine = examples.GetRange(pos, r.Count);
            pos += r.Count;
            var image = new float[pixels];
            foreach (var e in mine)
                for (int p = 0; p < pixels; p++)
                    image[p] += r.Feed == Feed.AdversarialAverage ? e.Final[p] : e.Final[p] - e.Initial[p];
            results.Add(new PerturbationResult(r, image, mine));
        }
        return results;
    }
}
