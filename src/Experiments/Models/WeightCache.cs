using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Repro.Experiments.Data;
using Repro.Experiments.Runtime;
using Repro.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// The weight cache: one entry per training, named by a key derived from everything that determines its weights. An entry
/// is a <c>&lt;key&gt;.weights</c> file and the <c>&lt;key&gt;.json</c> metadata that vouches for it (<see cref="WeightCacheEntry"/>);
/// it is loaded only after the metadata matches its own SHA-256 and holds plausible numbers, and the weights match the
/// SHA-256 it records.
/// </summary>
/// <param name="trainingCodeVersion">The training code's version, part of every key (<see cref="Trainer.TrainingCodeVersion"/>).</param>
public sealed class WeightCache(string directory, Device device, int trainingCodeVersion)
{
    private readonly Device _device = device;

    /// <summary>What the device adds to every key here: nothing on the CPU, the device and (on CUDA) the GPU elsewhere.</summary>
    private readonly string? _deviceKey = GpuInfo.KeyOf(device);

    public string Directory => directory;

    public string WeightsPath(string key) => Path.Combine(directory, key + ".weights");

    public string MetadataPath(string key) => Path.Combine(directory, key + ".json");

    /// <summary>The key of these inputs on this cache's device (<see cref="Key"/>).</summary>
    public string KeyFor(NetworkSpec network, TrainingSpec training, DatasetSplit data) => Key(network, training, data, trainingCodeVersion, _deviceKey);

    /// <summary>Whether either file of the entry <paramref name="key"/> exists.</summary>
    public bool Exists(string key) => File.Exists(WeightsPath(key)) || File.Exists(MetadataPath(key));

    /// <summary>
    /// Refuses, by name and before anything is trained, an entry whose weights or metadata path holds a directory or
    /// something that is not a regular file: its entry could be neither read nor written. Nothing is opened, so a FIFO
    /// does not block.
    /// </summary>
    /// <exception cref="IOException">One line that names the path and says to remove it.</exception>
    public void RefuseUnusablePaths(string key)
    {
        foreach (var path in new[] { WeightsPath(key), MetadataPath(key) })
            if (Unusable(path) is { } what)
                throw new IOException($"the weight cache path {path} is {what}, where a cache entry's file belongs; remove it and rerun.");
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be a cache entry's file, from its type and size only; null when it is absent or
    /// a regular file with content. Every file the cache writes has content, so an empty one is refused as well: a FIFO,
    /// a socket and a device all report a length of 0, and telling them from an empty file would need opening them.
    /// </summary>
    private static string? Unusable(string path)
    {
        if (System.IO.Directory.Exists(path)) return "a directory";
        var info = new FileInfo(path);
        return info.Exists && info.Length == 0 ? "empty or not a regular file (a FIFO, socket or device)" : null;
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
    /// <param name="createModel">A fresh network for the twin's weights, as training would start it.</param>
    public (nn.Module<Tensor, Tensor> Model, TrainingReport Report)? TryAccuracyOnlyTwin(NetworkSpec network, TrainingSpec training, DatasetSplit data, string key,
        Func<nn.Module<Tensor, Tensor>> createModel)
    {
        if (training.TargetLoss is null) return null;
        string twin = Key(network, training with { TargetLoss = null }, data, trainingCodeVersion, _deviceKey);
        string weights = WeightsPath(twin), meta = MetadataPath(twin);
        // The twin is only a shortcut: one whose files are not regular ones is passed over, never opened.
        if (!File.Exists(weights) || !File.Exists(meta) || Unusable(weights) is not null || Unusable(meta) is not null) return null;
        long maxSteps = TrainingLoop.MaxSteps(training, TrainingPartition.Of(training, data).TrainingSamples);
        var model = createModel();
        if (TryLoadVerified(model, twin, training with { TargetLoss = null }, data, out var cached) is null && cached is { ReachedTarget: false } r && r.Steps == maxSteps)
            return (model, r with { CacheKey = key, FromCache = true });
        model.Dispose();
        return null;
    }

    /// <summary>Writes the weights, then the metadata that vouches for them (their SHA-256 and the report, sealed with the key).</summary>
    public void Save(nn.Module<Tensor, Tensor> model, string key, TrainingReport report)
    {
        string weights = WeightsPath(key), meta = MetadataPath(key);
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.SweepStale(directory);
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
        AtomicFile.WriteAllText(meta, JsonSerializer.Serialize(WeightCacheEntry.For(key, sha, report with { FromCache = false })));
    }

    /// <summary>
    /// Loads the entry <paramref name="key"/> into <paramref name="model"/> only after its metadata matches its own SHA-256
    /// (<see cref="WeightCacheEntry.Seal"/>) and holds numbers in range and consistent with <paramref name="training"/>, its
    /// weights match the SHA-256 the metadata records, and the loaded network gives finite outputs on test images. Returns
    /// null when it did, else what is wrong: then the entry's numbers are never reported.
    /// </summary>
    public string? TryLoadVerified(nn.Module<Tensor, Tensor> model, string key, TrainingSpec training, DatasetSplit data, out TrainingReport? report)
    {
        string weights = WeightsPath(key), meta = MetadataPath(key);
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
        if (entry.Format == 3)
            return "has metadata written before its numbers were hashed (format 3, no SHA-256 over its report), so they cannot be vouched for";
        if (entry.Format != WeightCacheEntry.CurrentFormat)
            return $"has metadata of format {entry.Format}, not {WeightCacheEntry.CurrentFormat} (written by other training code)";
        if (entry.EntrySha256 is null)
            return "has metadata without the SHA-256 over its report, so its numbers cannot be vouched for";
        if (Implausible(entry.Report, key, training, TrainingPartition.Of(training, data)) is { } wrong)
            return $"has metadata that cannot be right ({wrong})";
        var sealedAs = WeightCacheEntry.Seal(key, entry.WeightsSha256, entry.Report);
        if (!string.Equals(sealedAs, entry.EntrySha256, StringComparison.OrdinalIgnoreCase))
            return $"has metadata that does not match its SHA-256 (edited or damaged: SHA-256 {sealedAs[..12]}…, it records {entry.EntrySha256[..Math.Min(12, entry.EntrySha256.Length)]}…)";
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

    /// <summary>
    /// What is impossible in <paramref name="r"/> for the training <paramref name="spec"/> on <paramref name="partition"/>
    /// under <paramref name="key"/>, null when nothing is: an accuracy outside [0, 1], a negative or non-finite loss, epoch
    /// count or time, another key, other sample counts, or steps that the training loop cannot have taken.
    /// </summary>
    private static string? Implausible(TrainingReport r, string key, TrainingSpec spec, TrainingPartition partition)
    {
        static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (r.Accuracy is not (>= 0 and <= 1)) return $"test accuracy {S(r.Accuracy)} is outside [0, 1]";
        if (r.ValidationAccuracy is not (>= 0 and <= 1)) return $"validation accuracy {S(r.ValidationAccuracy)} is outside [0, 1]";
        if (!double.IsFinite(r.Loss) || r.Loss < 0) return $"test loss {S(r.Loss)} is negative or not finite";
        if (!double.IsFinite(r.ValidationLoss) || r.ValidationLoss < 0) return $"validation loss {S(r.ValidationLoss)} is negative or not finite";
        if (!double.IsFinite(r.Epochs) || r.Epochs < 0) return $"epoch count {S(r.Epochs)} is negative or not finite";
        if (!double.IsFinite(r.Seconds) || r.Seconds < 0) return $"training time {S(r.Seconds)} s is negative or not finite";
        if (r.CacheKey != key) return $"it records the key {r.CacheKey}, not its own";
        if (r.TrainingSamples != partition.TrainingSamples || r.ValidationSamples != partition.ValidationSamples)
            return $"{r.TrainingSamples} training and {r.ValidationSamples} validation images, where the training uses {partition.TrainingSamples} and {partition.ValidationSamples}";
        int stepsPerEpoch = (partition.TrainingSamples + spec.BatchSize - 1) / spec.BatchSize;
        long maxSteps = TrainingLoop.MaxSteps(spec, partition.TrainingSamples);
        if (r.Steps < 0 || r.Steps > maxSteps) return $"{r.Steps} steps, outside [0, {maxSteps}]";
        if (r.Epochs != (double)r.Steps / stepsPerEpoch) return $"{S(r.Epochs)} epochs for {r.Steps} steps of {stepsPerEpoch} an epoch";
        if (!r.ReachedTarget && r.Steps != maxSteps) return $"the target missed after {r.Steps} of {maxSteps} steps";
        if (r.ReachedTarget && (r.ValidationAccuracy < spec.TargetAccuracy || spec.TargetLoss is { } tl && r.ValidationLoss > tl))
            return "the target reached by validation numbers that miss it";
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

    /// <summary>The key version <paramref name="trainingCodeVersion"/> of the training code gives these inputs: the name of its cache entry.</summary>
    /// <param name="device">What the device adds (<see cref="GpuInfo.KeyOf(Device)"/>): null on the CPU, whose keys are the ones written before
    /// devices were keyed; anything else makes another key, so a CPU entry is never loaded for a GPU run.</param>
    public static string Key(NetworkSpec network, TrainingSpec training, DatasetSplit data, int trainingCodeVersion, string? device = null)
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
        if (device is not null) identity += "\ndevice " + device;
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
}
