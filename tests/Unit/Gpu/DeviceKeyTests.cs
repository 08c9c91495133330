using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Runtime;
using Repro.Results;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Gpu;

/// <summary>The device in the weight cache's key and in the record's environment: CPU entries keep their names, a GPU run never takes them.</summary>
public sealed class DeviceKeyTests
{
    static DatasetSplit Data() => new(Unit.Tests.Engine.EngineKit.Quadrants("quadrants", 8, 1), Unit.Tests.Engine.EngineKit.Quadrants("quadrants", 4, 2));

    static TrainingSpec Training => new() { Optimizer = OptimizerKind.Sgd, LearningRate = 0.1, BatchSize = 2, TargetAccuracy = 1.0, MaxEpochs = 1, Seed = 3, ValidationHoldout = null };

    [Fact]
    public void Given_the_cpu_When_a_weight_cache_key_is_made_Then_it_is_the_key_written_before_devices_were_keyed()
    {
        using var dir = new TempFolder();
        var data = Data();
        string cpu = new WeightCache(dir.Path, CPU, Trainer.TrainingCodeVersion).KeyFor(NetworkSpec.FcDummy, Training, data);

        Assert.Equal(Trainer.CacheKey(NetworkSpec.FcDummy, Training, data), cpu);
        Assert.Equal(WeightCache.Key(NetworkSpec.FcDummy, Training, data, Trainer.TrainingCodeVersion, device: null), cpu);
        // Pinned: the name this entry had before the device was part of keys (a CPU cache must keep its entries).
        Assert.Equal("quadrants-FC-Sgd-s3-bc978b9b176d0622", cpu);
    }

    [Fact]
    public void Given_a_cuda_device_When_a_weight_cache_key_is_made_Then_it_differs_from_the_cpu_key_so_a_cpu_entry_is_never_loaded_for_a_gpu_run()
    {
        using var dir = new TempFolder();
        var data = Data();
        string cpu = new WeightCache(dir.Path, CPU, Trainer.TrainingCodeVersion).KeyFor(NetworkSpec.FcDummy, Training, data);
        // Making a key touches no GPU: the identity comes from nvidia-smi (absent here: "unknown").
        string gpu = new WeightCache(dir.Path, new Device(TorchSharp.DeviceType.CUDA), Trainer.TrainingCodeVersion).KeyFor(NetworkSpec.FcDummy, Training, data);
        string h100 = WeightCache.Key(NetworkSpec.FcDummy, Training, data, Trainer.TrainingCodeVersion, "cuda; NVIDIA H100 80GB HBM3; driver 570.124.06; CUDA 12.8");
        string a100 = WeightCache.Key(NetworkSpec.FcDummy, Training, data, Trainer.TrainingCodeVersion, "cuda; NVIDIA A100-SXM4-40GB; driver 570.124.06; CUDA 12.8");

        Assert.Equal(4, new[] { cpu, gpu, h100, a100 }.Distinct().Count());
        Assert.StartsWith("quadrants-FC-Sgd-s3-", gpu);
    }

    static EnvironmentInfo Cpu => new("linux", "cpu", "cpu", "10.0", "0.107.0", "2.10.0", 1, "abc", DateTimeOffset.UnixEpoch, "0123456789abcdef");

    [Fact]
    public void Given_a_cpu_environment_When_serialised_Then_it_holds_no_gpu_fields_and_a_cuda_one_holds_all_three()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Cpu, ResultStore.Json);
        Assert.DoesNotContain("gpu", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cuda", json, StringComparison.OrdinalIgnoreCase);

        var gpu = Cpu with { Device = "cuda", Gpu = "NVIDIA H100 80GB HBM3", GpuDriver = "570.124.06", Cuda = "12.8" };
        var back = System.Text.Json.JsonSerializer.Deserialize<EnvironmentInfo>(System.Text.Json.JsonSerializer.Serialize(gpu, ResultStore.Json), ResultStore.Json);
        Assert.Equal(gpu, back);
    }

    [Fact]
    public void Given_records_from_another_gpu_driver_or_cuda_When_compared_with_this_run_Then_each_is_named_and_the_same_cpu_is_not()
    {
        var h100 = Cpu with { Device = "cuda", Gpu = "NVIDIA H100 80GB HBM3", GpuDriver = "570.124.06", Cuda = "12.8" };

        Assert.Null(EnvironmentInfo.BitsDiffer(Cpu, Cpu with { Date = DateTimeOffset.UtcNow, Commit = "def" }));
        Assert.Null(EnvironmentInfo.BitsDiffer(h100, h100));
        Assert.Equal("was written with device cpu, this run uses cuda", EnvironmentInfo.BitsDiffer(Cpu, h100));
        Assert.Equal("was written with GPU NVIDIA H100 80GB HBM3, this run uses NVIDIA A100-SXM4-40GB", EnvironmentInfo.BitsDiffer(h100, h100 with { Gpu = "NVIDIA A100-SXM4-40GB" }));
        Assert.Equal("was written with GPU driver 570.124.06, this run uses 575.51.03", EnvironmentInfo.BitsDiffer(h100, h100 with { GpuDriver = "575.51.03" }));
        Assert.Equal("was written with CUDA 12.8, this run uses none", EnvironmentInfo.BitsDiffer(h100, h100 with { Cuda = null }));
    }
}
