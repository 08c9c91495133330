using Repro.Experiments.Data;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// Trains a network to a target accuracy, deterministically for a seed on CPU, and caches the
/// weights under a key derived from everything that determines them: a façade over the <see cref="WeightCache"/>, the
/// <see cref="TrainingLoop"/> and (through it) the <see cref="Evaluator"/>.
/// </summary>
/// <param name="stages">Where each training and its evaluation are recorded as stages; observation only.</param>
public sealed class Trainer(string cacheDirectory, Device? device = null, IProgress<string>? notices = null, StageLog? stages = null)
{
    /// <summary>Bump when a change to the training code changes the weights it produces (it is part of every cache key).
    /// 2: training holds out the validation split (<see cref="TrainingSpec.ValidationHoldout"/>) instead of stopping on the test set.</summary>
    public const int TrainingCodeVersion = 2;

    private readonly Device _device = device ?? CPU;
    private readonly WeightCache _cache = new(cacheDirectory, device ?? CPU, TrainingCodeVersion);

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

        // On the CPU the key of CacheKey; on another device its own (the device is part of it).
        string key = _cache.KeyFor(network, training, data);
        _cache.RefuseUnusablePaths(key);
        var model = CreateSeeded(network, training.Seed);
        model.to(_device);
        try { Attacks.CpuConvolutionGuard.ThrowIfTrainingGradientIsWrong(model); }
        catch { model.Dispose(); throw; }
        if (_cache.Exists(key))
        {
            var problem = _cache.TryLoadVerified(model, key, training, data, out var cached);
            if (problem is null)
            {
                stages?.CountCachedTraining();
                return new TrainedNetwork(model, network, training, data.Train.Name, cached! with { FromCache = true });
            }
            // A cache entry that fails verification is retrained, never trusted.
            notices?.Report($"cached model {_cache.WeightsPath(key)} {problem}; retraining it.");
            model.Dispose();
            model = CreateSeeded(network, training.Seed);
            model.to(_device);
        }

        if (_cache.TryAccuracyOnlyTwin(network, training, data, key, () =>
            {
                var m = CreateSeeded(network, training.Seed);
                m.to(_device);
                return m;
            }) is var (twin, same))
        {
            stages?.CountCachedTraining();
            model.Dispose();
            _cache.Save(twin, key, same);
            return new TrainedNetwork(twin, network, training, data.Train.Name, same);
        }

        var report = new TrainingLoop(_device, StopChecksEarly, stages).Run(model, network, training, data, partition, key, progress, cancel);
        _cache.Save(model, key, report);
        return new TrainedNetwork(model, network, training, data.Train.Name, report);
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

    /// <summary>The name of the CPU cache entry of these inputs under this training code (<see cref="TrainingCodeVersion"/>); on
    /// another device the key also holds the device (<see cref="WeightCache.KeyFor"/>).</summary>
    public static string CacheKey(NetworkSpec network, TrainingSpec training, DatasetSplit data) =>
        WeightCache.Key(network, training, data, TrainingCodeVersion);

    /// <summary>The key version <paramref name="trainingCodeVersion"/> of the training code gives these inputs: the name of its cache entry.</summary>
    public static string CacheKey(NetworkSpec network, TrainingSpec training, DatasetSplit data, int trainingCodeVersion) =>
        WeightCache.Key(network, training, data, trainingCodeVersion);
}
