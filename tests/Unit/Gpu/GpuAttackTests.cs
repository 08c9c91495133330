using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Gpu;

/// <summary>
/// One attack on CUDA and on the CPU, compared within <see cref="DeviceTolerance.GpuAgainstCpu"/>. Seconds long. Skipped with its
/// reason where there is no GPU (every machine this project has run on so far); REPRO_REQUIRE_GPU=1 (gpu.yml's check) makes
/// that a failure instead. It builds without the CUDA packages: only a -p:TorchBackend=cuda build on a GPU runs it.
/// </summary>
[Trait("Category", "Gpu")]
public sealed class GpuAttackTests
{
    public const string RequireVariable = "REPRO_REQUIRE_GPU";

    static readonly PerturbationRequest[] Requests =
    [
        new("noise-0", Feed.Noise, 0, Count: 2),
        new("zero-1", Feed.Zero, 1),
        new("aai-2", Feed.AdversarialAverage, 2, Count: 3),
    ];

    static IReadOnlyList<PerturbationResult> Perturb(Device device)
    {
        using var scope = NewDisposeScope();
        var model = Trainer.CreateSeeded(NetworkSpec.FcDummy, 3);
        model.to(device);
        var runner = new PerturbationRunner(Attack(model, 0.5, StopCondition.Iterations(20)), Side, Side);
        return runner.Run(Requests, 42, device);
    }

    [Fact]
    public void Given_a_gpu_When_one_attack_runs_on_cuda_and_on_the_cpu_Then_every_image_and_example_agrees_within_the_stated_tolerance()
    {
        if (!cuda.is_available())
        {
            const string reason = "no GPU: torch.cuda.is_available() is false (a CPU build of libtorch, or no CUDA device); " +
                                  "it runs in a -p:TorchBackend=cuda build on a GPU machine (gpu.yml)";
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1") Assert.Fail($"{RequireVariable}=1 but {reason}");
            Assert.Skip(reason);
        }
        var gpu = TorchRuntime.ResolveDevice("cuda");
        var tolerance = DeviceTolerance.GpuAgainstCpu;

        var onGpu = Perturb(gpu);
        var onCpu = Perturb(CPU);

        Assert.Equal(onCpu.Count, onGpu.Count);
        for (int i = 0; i < onCpu.Count; i++)
        {
            Close(onCpu[i].Image, onGpu[i].Image, $"{Requests[i].Label} AP");
            Assert.Equal(onCpu[i].Examples.Count, onGpu[i].Examples.Count);
            for (int k = 0; k < onCpu[i].Examples.Count; k++)
            {
                var (c, g) = (onCpu[i].Examples[k], onGpu[i].Examples[k]);
                // The starting points are drawn on the CPU for every device: the same bits.
                Assert.Equal(c.Initial, g.Initial);
                Close(c.Final, g.Final, $"{Requests[i].Label} example {k}");
                Assert.True(tolerance.Agree(c.Loss, g.Loss), $"{Requests[i].Label} example {k} loss: CPU {c.Loss:R}, GPU {g.Loss:R} ({tolerance})");
                Assert.True(tolerance.Agree(c.TargetConfidence, g.TargetConfidence), $"{Requests[i].Label} example {k} confidence: CPU {c.TargetConfidence:R}, GPU {g.TargetConfidence:R} ({tolerance})");
                // A fixed number of steps: both stop at the same one.
                Assert.Equal((c.Iterations, c.StoppedBy), (g.Iterations, g.StoppedBy));
            }
        }

        void Close(float[] cpu, float[] gpuValues, string what)
        {
            Assert.Equal(cpu.Length, gpuValues.Length);
            int worst = Enumerable.Range(0, cpu.Length).MaxBy(j => Math.Abs(cpu[j] - gpuValues[j]));
            Assert.True(Enumerable.Range(0, cpu.Length).All(j => tolerance.Agree(cpu[j], gpuValues[j])),
                $"{what}: pixel {worst} CPU {cpu[worst]:R}, GPU {gpuValues[worst]:R}, not {tolerance}");
        }
    }
}
