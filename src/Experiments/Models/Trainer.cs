using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Experiments.Bench;
using Repro.Experiments.Data;
using Repro.Experiments.Models.Optimizers;
using Repro.Experiments.Runtime;
using Repro.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// Trains a network to a target accuracy, deterministically for a seed on CPU, and caches the
/// weights under a key derived from everything that determines them.
/// </summary>
/// <param name="stages">Where each training and its evaluation are recorded as stages; observation only.</param>
public sealed class Trainer(string cacheDirectory, Device? device = null, IProgress<string>? notices = null, StageLog? stages = null)
{
    /// <summary>Bump when a change to the training code changes the weights it produces (it is part of every cache key).
    /// 2: training holds out the validation split (<see cref="TrainingSpec.ValidationHoldout"/>) instead of stopping on the test set.</summary>
    public const int TrainingCodeVersion = 2;

    private readonly Device _device = device ?? CPU;

    /// <summary>Whether a stopping check other than the last may stop once the target is out of reach (the default). Off
    /// only to show that it changes nothing: the weights and the report are the same bits either way.</summary>
    public bool StopChecksEarly { get; init; } = true;

    public TrainedNetwork TrainOrLoad(NetworkSpec network, TrainingSpec training, DatasetSplit data,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        network.Validate();
        training.Validate();
        if (data.Train.Height != network.InputHeight || data.Train.Width != network.InputWidth)
            throw new ArgumentException($"Dataset {data.Train.Name} has {data.Train.Height}x{data.Train.Width} images but the network expects {network.InputHeight}x{network.InputWidth}.");
        if (data.Train.ClassCount != network.ClassCount)
            throw new ArgumentException($"Dataset {data.Train.Name} has {data.Train.ClassCount} classes but the network outputs {network.ClassCount}.");
        var partition = TrainingPartition.Of(training, data);

        string key = CacheKey(network, training, data);
        string weights = Path.Combine(cacheDirectory, key + ".weights");
        string meta = Path.Combine(cacheDirectory, key + ".json");
        var model = CreateSeeded(network, training.Seed);
        model.to(_device);
        if (File.Exists(weights) || File.Exists(meta))
        {
            var problem = TryLoadVerified(model, weights, meta, data, out var cached);
            if (problem is null)
            {
                stages?.CountCachedTraining();
                return new TrainedNetwork(model, network, training, data.Train.Name, cached! with { FromCache = true });
            }
            // A cache entry that fails verification is retrained, never trusted.
            notices?.Report($"cached model {weights} {problem}; retraining it.");
            model.Dispose();
            model = CreateSeeded(network, training.Seed);
            model.to(_device);
        }

        if (TryAccuracyOnlyTwin(network, training, data, key) is var (twin, same))
        {
            model.Dispose();
            SaveEntry(twin, weights, meta, same);
            return new TrainedNetwork(twin, network, training, data.Train.Name, same);
        }

        var report = Train(model, network, training, data, partition, key, progress, cancel);
        SaveEntry(model, weights, meta, report);
        return new TrainedNetwork(model, network, training, data.Train.Name, report);
    }

    /// <summary>
    /// With a loss target, the cached training without one, when it never reached its accuracy target: then it is this
    /// training, step for step, and its report is this one's. Null when there is none, or it does not verify.
    /// </summary>
    /// <remarks>
    /// Why: the stopping rule with a loss target stops only where the accuracy target is also met. A training that ran to its
    /// epoch limit without meeting the accuracy target at any check takes the same steps, checks and weights under both
    /// rules (the sensitivity study's validation-rule reading retrains every network; the quick CNNs meet neither target).
    /// </remarks>
    private (nn.Module<Tensor, Tensor> Model, TrainingReport Report)? TryAccuracyOnlyTwin(NetworkSpec network, TrainingSpec training, DatasetSplit data, string key)
    {
        if (training.TargetLoss is null) return null;
        string twin = CacheKey(network, training with { TargetLoss = null }, data);
        string weights = Path.Combine(cacheDirectory, twin + ".weights"), meta = Path.Combine(cacheDirectory, twin + ".json");
        if (!File.Exists(weights) || !File.Exists(meta)) return null;
        long maxSteps = MaxSteps(training, TrainingPartition.Of(training, data).TrainingSamples);
        var model = CreateSeeded(network, training.Seed);
        model.to(_device);
        if (TryLoadVerified(model, weights, meta, data, out var cached) is null && cached is { ReachedTarget: false } r && r.Steps == maxSteps)
        {
            stages?.CountCachedTraining();
            return (model, r with { CacheKey = key, FromCache = true });
        }
        model.Dispose();
        return null;
    }

    /// <summary>Optimizer steps to the epoch limit: whole epochs of ⌈samples ÷ batch⌉ steps, a fractional limit rounded up.</summary>
    private static long MaxSteps(TrainingSpec spec, int trainingSamples) =>
        (long)Math.Ceiling(spec.MaxEpochs * ((trainingSamples + spec.BatchSize - 1) / spec.BatchSize));

    /// <summary>Writes the weights, then the metadata that vouches for them (their SHA-256 and the report).</summary>
    private void SaveEntry(nn.Module<Tensor, Tensor> model, string weights, string meta, TrainingReport report)
    {
        Directory.CreateDirectory(cacheDirectory);
        AtomicFile.SweepStale(cacheDirectory);
        var tmp = AtomicFile.TemporaryPathFor(weights);
        string sha;
        try
        {
            model.save(tmp);
            sha = Sha256OfFile(tmp);
            File.Move(tmp, weights, overwrite: true);
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
        // The metadata, written last, vouches for the weights: an entry without it, or whose hash differs, is retrained.
        AtomicFile.WriteAllText(meta, JsonSerializer.Serialize(new WeightCacheEntry(WeightCacheEntry.CurrentFormat, sha, report with { FromCache = false })));
    }

    /// <summary>
    /// Loads a cache entry into <paramref name="model"/> only after its weights match the SHA-256 its metadata records,
    /// and only if the loaded network gives finite outputs on test images. Returns null when it did, else what is wrong.
    /// </summary>
    private string? TryLoadVerified(nn.Module<Tensor, Tensor> model, string weights, string meta, DatasetSplit data, out TrainingReport? report)
    {
        report = null;
        if (!File.Exists(weights)) return "has no weights file";
        if (!File.Exists(meta)) return $"has no metadata ({Path.GetFileName(meta)})";
        WeightCacheEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<WeightCacheEntry>(File.ReadAllText(meta));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return $"has unreadable metadata ({e.Message})";
        }
        if (entry is null || entry.Report is null || entry.WeightsSha256 is null)
            return "has metadata of an older format (no weights SHA-256)";
        if (entry.Format != WeightCacheEntry.CurrentFormat)
            return $"has metadata of format {entry.Format}, not {WeightCacheEntry.CurrentFormat} (written by other training code)";
        string actual;
        try { actual = Sha256OfFile(weights); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return $"cannot be read ({e.Message})"; }
        if (!string.Equals(actual, entry.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            return $"failed verification (SHA-256 {actual[..12]}…, its metadata records {entry.WeightsSha256[..Math.Min(12, entry.WeightsSha256.Length)]}…)";
        try
        {
            model.load(weights);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or ExternalException)
        {
            return $"does not load ({e.Message})";
        }
        model.eval(); // as a freshly trained model is returned
        if (!GivesFiniteOutputs(model, data.Test))
            return "gives non-finite outputs on test images";
        report = entry.Report;
        return null;
    }

    /// <summary>Whether the network's logits on the first test images are all finite.</summary>
    private bool GivesFiniteOutputs(nn.Module<Tensor, Tensor> model, Dataset test)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int n = Math.Min(64, test.Count);
        var x = tensor(test.Images.AsSpan(0, n * test.Height * test.Width).ToArray(), [n, 1, test.Height, test.Width]).to(_device);
        return model.call(x).isfinite().all().item<bool>();
    }

    private static string Sha256OfFile(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>An untrained network initialised from the seed (also the null control of the attack).</summary>
    public static nn.Module<Tensor, Tensor> CreateSeeded(NetworkSpec network, int seed)
    {
        // Module initialisation draws from libtorch's global generator: serialise it so runs on
        // parallel threads stay deterministic.
        lock (TorchRuntime.GlobalRngLock)
        {
            torch.manual_seed(seed);
            // Inside a scope: module constructors make Tensor temporaries that nothing else roots (nn.Conv2d's fan-in).
            // Parameters and buffers leave the scope with their module.
            using var scope = NewDisposeScope();
            return network.Create();
        }
    }

    public static string CacheKey(NetworkSpec network, TrainingSpec training, DatasetSplit data) =>
        CacheKey(network, training, data, TrainingCodeVersion);

    /// <summary>The key version <paramref name="trainingCodeVersion"/> of the training code gives these inputs: the name of its cache entry.</summary>
    public static string CacheKey(NetworkSpec network, TrainingSpec training, DatasetSplit data, int trainingCodeVersion)
    {
        var identity = JsonSerializer.Serialize(new
        {
            TrainingCodeVersion = trainingCodeVersion,
            dataset = data.Train.Name,
            train = Fingerprint(data.Train),
            test = Fingerprint(data.Test),
            network,
            training,
        });
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        return $"{Sanitize(data.Train.Name)}-{network.ShortName}-{training.Optimizer}-s{training.Seed}-{hash}";
    }

    private static string Sanitize(string s) => new(s.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    private static readonly ConditionalWeakTable<Dataset, string> Fingerprints = new();

    /// <summary>SHA-256 of the images and labels, so a changed dataset never hits an old cache entry.</summary>
    public static string Fingerprint(Dataset d) => Fingerprints.GetValue(d, ds =>
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(MemoryMarshal.AsBytes(ds.Images.AsSpan()));
        sha.AppendData(MemoryMarshal.AsBytes(ds.Labels.AsSpan()));
        sha.AppendData(BitConverter.GetBytes(ds.Height));
        sha.AppendData(BitConverter.GetBytes(ds.Width));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    });

    private TrainingReport Train(nn.Module<Tensor, Tensor> model, NetworkSpec network, TrainingSpec spec, DatasetSplit data, TrainingPartition partition, string key,
        IProgress<TrainingProgress>? progress, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        // Time spent evaluating (the stopping checks, then the test set) is kept apart from the optimizer steps.
        var whole = StageWatch.Start();
        double evalWall = 0, evalThread = 0;
        long trainedSamples = 0, evaluatedSamples = 0, checks = 0, stoppedChecks = 0;
        using var outer = NewDisposeScope();
        // Views into the full tensors: the held-out images stay in memory but are never indexed by a training batch.
        var (allX, allY) = ToTensors(data.Train, _device);
        var (testX, testY) = ToTensors(data.Test, _device);
        var (sourceX, sourceY) = partition.ValidationOnTest ? (testX, testY) : (allX, allY);
        var valX = sourceX.narrow(0, partition.ValidationStart, partition.ValidationSamples);
        var valY = sourceY.narrow(0, partition.ValidationStart, partition.ValidationSamples);
        var trainX = allX.narrow(0, 0, partition.TrainingSamples);
        var trainY = allY.narrow(0, 0, partition.TrainingSamples);

        using var optimizer = HeldScalarOptimizer.For(spec.Optimizer, model.parameters(), spec.EffectiveLearningRate, spec.Momentum);
        var rng = new Random(spec.Seed);
        int n = partition.TrainingSamples;
        int stepsPerEpoch = (n + spec.BatchSize - 1) / spec.BatchSize;
        long maxSteps = MaxSteps(spec, n);
        long step = 0, checkedAt = -1;
        bool reached = false;
        double valAcc = double.NaN, valLoss = double.NaN;
        // The stopping check: validation accuracy and loss, a clear error when the loss is no longer finite.
        // Every check but the last may stop once the accuracy target is out of reach (the same decision, see
        // EvaluateUntilOutOfReach); the last one is whole, because its numbers go into the report. A stopped check sees
        // a non-finite loss only in the images it read: diverged weights give one everywhere, so divergence is still
        // reported, at worst a check later than a whole check would have.
        void Check()
        {
            var checkWatch = StageWatch.Start();
            var check = EvaluateUntilOutOfReach(model, valX, valY, StopChecksEarly && step < maxSteps ? spec.TargetAccuracy : null, chunk: EvaluationChunk(network));
            (valAcc, valLoss) = (check.Accuracy, check.Loss);
            evalWall += checkWatch.WallSeconds;
            evalThread += checkWatch.ThreadSeconds;
            evaluatedSamples += check.Evaluated;
            checks++;
            if (!check.Complete) stoppedChecks++;
            checkedAt = step;
            if (!double.IsFinite(valLoss))
                throw new InvalidOperationException($"Training {key} diverged: the validation loss is {valLoss} after {step} steps; lower the learning rate ({spec.EffectiveLearningRate:g3}).");
            progress?.Report(new TrainingProgress((double)step / stepsPerEpoch, spec.MaxEpochs, valAcc, valLoss, check.Complete));
            reached = check.Complete && valAcc >= spec.TargetAccuracy && (spec.TargetLoss is not { } tl || valLoss <= tl);
        }
        var order = Enumerable.Range(0, n).ToArray();
        while (step < maxSteps && !reached)
        {
            rng.Shuffle(order);
            for (int b = 0; b < stepsPerEpoch && step < maxSteps; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using (var scope = NewDisposeScope())
                {
                    model.train();
                    int start = b * spec.BatchSize, count = Math.Min(spec.BatchSize, n - start);
                    var idx = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray(), device: _device);
                    var logits = model.forward(trainX.index_select(0, idx));
                    var loss = nn.functional.cross_entropy(logits, trainY.index_select(0, idx));
                    optimizer.ZeroGrad();
                    loss.backward();
                    optimizer.Step();
                    trainedSamples += count;
                }
                step++;
                if (step % spec.EvaluateEverySteps == 0 || b == stepsPerEpoch - 1)
                {
                    Check();
                    if (reached) break;
                }
            }
        }
        // A fractional epoch limit can end between checks: the validation numbers are those of the returned weights.
        if (checkedAt != step) Check();
        var testWatch = StageWatch.Start();
        var (testAcc, testLoss) = Evaluate(model, testX, testY, chunk: EvaluationChunk(network));
        evalWall += testWatch.WallSeconds;
        evalThread += testWatch.ThreadSeconds;
        model.eval();
        if (stages is not null)
        {
            string name = key[..key.LastIndexOf('-')];
            double forward = FlopCount.Forward(network);
            int threads = Math.Max(TorchRuntime.IntraOpThreads, 1);
            stages.Record(new StageRecord($"train {name}", StageKind.Training, null, threads, whole.WallSeconds - evalWall, whole.ThreadSeconds - evalThread,
                FlopCount.Training(network, trainedSamples), $"{step:N0} steps, {trainedSamples:N0} samples × 3 forward"));
            stages.Record(new StageRecord($"evaluate {name}", StageKind.Evaluation, null, threads, evalWall, evalThread,
                forward * (evaluatedSamples + data.Test.Count),
                $"{checks} stopping checks of {partition.ValidationSamples:N0} images ({stoppedChecks} stopped once the target was out of reach; {evaluatedSamples:N0} images read), then {data.Test.Count:N0} test images"));
        }
        return new TrainingReport(testAcc, testLoss, valAcc, valLoss, partition.TrainingSamples, partition.ValidationSamples,
            (double)step / stepsPerEpoch, step, reached, watch.Elapsed.TotalSeconds, false, key);
    }

    /// <summary>
    /// Images per forward pass when evaluating <paramref name="network"/>: 32 for the CNNs, everything at once for FC.
    /// </summary>
    /// <remarks>
    /// Why: a CNN's forward over 1,000 images unfolds an input too large for the cache; in chunks of 32 it ran 1.7–2.0×
    /// faster here, with the same logits bit for bit (each image's logits do not depend on its neighbours in the batch).
    /// An FC forward is fastest whole.
    /// </remarks>
    public static int EvaluationChunk(NetworkSpec network) => network.Architecture == Architecture.Fc ? int.MaxValue : 32;

    /// <summary>Accuracy and mean cross-entropy of the model over (x, y), in eval mode.</summary>
    /// <param name="batch">Images per loss sum: the loss is the sum of float32 sums over blocks of this many, so its bits depend on it.</param>
    /// <param name="chunk">Images per forward pass within a block (<see cref="EvaluationChunk"/>); the numbers do not depend on it.</param>
    public static (double Accuracy, double Loss) Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, int batch = 1000, int chunk = int.MaxValue)
    {
        var r = EvaluateUntilOutOfReach(model, x, y, null, batch, chunk);
        return (r.Accuracy, r.Loss);
    }

    /// <summary>
    /// A stopping check: <see cref="Evaluate(nn.Module{Tensor, Tensor}, Tensor, Tensor, int, int)"/>, except that with a
    /// <paramref name="targetAccuracy"/> it stops after the pass whose errors put that accuracy out of reach even if every
    /// image left were right. A complete check gives Evaluate's bits; a stopped one gives the prefix's numbers.
    /// </summary>
    /// <remarks>
    /// Why this is exact: the decision "below the target" depends only on the error count, and the errors of a pass are
    /// those of the same pass in a full evaluation (same passes, same kernels). So a stopped check returns "not reached"
    /// exactly when the full one would have, and training takes the same steps to the same weights. Its loss covers only the
    /// images it read, so a non-finite loss among the others goes unseen until a later check.
    /// </remarks>
    public static ValidationCheck EvaluateUntilOutOfReach(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, double? targetAccuracy,
        int batch = 1000, int chunk = int.MaxValue)
    {
        if (batch < 1 || chunk < 1) throw new ArgumentOutOfRangeException(batch < 1 ? nameof(batch) : nameof(chunk), "Evaluation needs at least one image per block and per pass.");
        bool was = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            long n = x.shape[0], correct = 0, seen = 0;
            double lossSum = 0;
            for (long s = 0; s < n; s += batch)
            {
                using var scope = NewDisposeScope();
                long c = Math.Min(batch, n - s);
                var passes = new List<Tensor>();
                long blockCorrect = 0, blockSeen = 0;
                bool outOfReach = false;
                IEnumerable<(long Start, long Count)> plan = c <= chunk ? [(0L, c)] : Chunks(c, chunk);
                foreach (var (start, count) in plan)
                {
                    var logits = model.forward(x.narrow(0, s + start, count));
                    passes.Add(logits);
                    blockSeen += count;
                    if (targetAccuracy is not { } target) continue;
                    blockCorrect += logits.argmax(1).eq(y.narrow(0, s + start, count)).sum().item<long>();
                    long errors = seen + blockSeen - (correct + blockCorrect);
                    // The same expression the stopping rule compares, at its best case: every image left right.
                    if ((double)(n - errors) / n < target) { outOfReach = true; break; }
                }
                var all = passes.Count == 1 ? passes[0] : cat(passes.ToArray(), 0);
                var yy = y.narrow(0, s, blockSeen);
                lossSum += nn.functional.cross_entropy(all, yy, reduction: nn.Reduction.Sum).item<float>();
                correct += targetAccuracy is null ? all.argmax(1).eq(yy).sum().item<long>() : blockCorrect;
                seen += blockSeen;
                // Out of reach in the last pass: every image was read, so the numbers are the whole evaluation's.
                if (outOfReach) return new ValidationCheck((double)correct / seen, lossSum / seen, seen, seen == n);
            }
            return new ValidationCheck((double)correct / n, lossSum / n, n, true);
        }
        finally { model.train(was); }
    }

    /// <summary>(start, count) of the passes over <paramref name="n"/> images, <paramref name="chunk"/> at a time.</summary>
    /// <remarks>A lone last image joins the pass before it: a batch of one can take other kernels (matrix-vector products).</remarks>
    public static IEnumerable<(long Start, long Count)> Chunks(long n, long chunk)
    {
        for (long start = 0; start < n;)
        {
            long count = Math.Min(chunk, n - start);
            if (n - start - count == 1) count++;
            yield return (start, count);
            start += count;
        }
    }

    public static (double Accuracy, double Loss) Evaluate(nn.Module<Tensor, Tensor> model, Dataset data, Device? device = null, int chunk = int.MaxValue)
    {
        using var scope = NewDisposeScope();
        var (x, y) = ToTensors(data, device ?? CPU);
        return Evaluate(model, x, y, chunk: chunk);
    }

    /// <summary>Images as [N, 1, H, W] float32 and labels as int64.</summary>
    public static (Tensor X, Tensor Y) ToTensors(Dataset d, Device device) =>
        (tensor(d.Images, [d.Count, 1, d.Height, d.Width], device: device),
         tensor(d.Labels.Select(l => (long)l).ToArray(), device: device));
}
