namespace Repro.Unit.Tests.Gpu;

/// <summary>Comparisons that are exact on the CPU and tolerant on a GPU, with the tolerance stated.</summary>
public sealed class DeviceToleranceTests
{
    [Fact]
    public void Given_the_cpu_When_values_are_compared_Then_only_identical_bits_agree_as_with_Equals()
    {
        var cpu = DeviceTolerance.For("cpu");

        Assert.Same(DeviceTolerance.Exact, cpu);
        Assert.Same(cpu, DeviceTolerance.For("CPU"));
        Assert.True(cpu.Agree(0.1, 0.1));
        Assert.True(cpu.Agree(double.NaN, double.NaN));
        Assert.False(cpu.Agree(0.1, Math.BitIncrement(0.1)));
        Assert.Equal("exactly (bit for bit)", cpu.ToString());
    }

    [Fact]
    public void Given_cuda_When_values_are_compared_Then_they_agree_within_the_stated_bound_and_not_beyond()
    {
        var gpu = DeviceTolerance.For("cuda");

        Assert.Equal(new DeviceTolerance(1e-6, 1e-4), gpu);
        Assert.True(gpu.Agree(0.5, 0.5 + 0.9e-6 + 0.5e-4));
        Assert.False(gpu.Agree(0.5, 0.5 + 1.1e-6 + 0.5001e-4 * 1.01));
        Assert.True(gpu.Agree(0, 0.9e-6));
        Assert.False(gpu.Agree(0, 2e-6));
        Assert.True(gpu.Agree(-1000, -1000.09));
        Assert.True(gpu.Agree(double.NaN, double.NaN));
        Assert.False(gpu.Agree(double.NaN, 0));
        Assert.False(gpu.Agree(double.PositiveInfinity, double.MaxValue));
        Assert.Equal("within |a − b| ≤ 1E-06 + 0.0001 · max(|a|, |b|)", gpu.ToString());
    }

    [Fact]
    public void Given_an_attack_on_the_gpu_and_on_the_cpu_When_compared_Then_the_looser_cross_device_bound_applies()
    {
        Assert.Equal(new DeviceTolerance(1e-4, 1e-3), DeviceTolerance.GpuAgainstCpu);
        Assert.True(DeviceTolerance.GpuAgainstCpu.Agree(0.25, 0.25 + 3e-4));
        Assert.False(DeviceTolerance.GpuAgainstCpu.Agree(0.25, 0.25 + 4e-4));
    }
}
