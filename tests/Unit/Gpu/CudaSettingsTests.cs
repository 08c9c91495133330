using System.Runtime.InteropServices;
using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Gpu;

/// <summary>
/// The CUDA settings, checked on the CPU: they are made only when the device is CUDA, every libtorch member they call exists in
/// this libtorch and answers, and cuBLAS's workspace setting reaches the native environment. That they take effect on a GPU has never run here.
/// </summary>
public sealed class CudaSettingsTests
{
    /// <summary>A CUDA device object that does not start CUDA (torch.CUDA would, and fail here).</summary>
    static Device Uninitialised() => new(DeviceType.CUDA);

    [Theory]
    [InlineData("cpu", true)]
    [InlineData("CPU", true)]
    [InlineData("auto", false)]
    public void Given_a_device_that_resolves_to_the_cpu_When_resolved_Then_the_cuda_settings_are_never_made(string asked, bool available)
    {
        int configured = 0;
        var device = TorchRuntime.ResolveDevice(asked, () => available, () => configured++, Uninitialised);

        Assert.Equal(DeviceType.CPU, device.type);
        Assert.Equal(0, configured);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("auto")]
    [InlineData("Cuda")]
    public void Given_a_device_that_resolves_to_cuda_When_resolved_Then_the_cuda_settings_are_made_once_before_it_is_handed_out(string asked)
    {
        int configured = 0;
        var device = TorchRuntime.ResolveDevice(asked, () => true, () => configured++, Uninitialised);

        Assert.Equal(DeviceType.CUDA, device.type);
        Assert.Equal(1, configured);
    }

    [Fact]
    public void Given_cuda_asked_for_where_there_is_none_When_resolved_Then_one_line_says_so_and_nothing_is_set()
    {
        int configured = 0;
        var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda", () => false, () => configured++, Uninitialised));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Equal(0, configured);
        Assert.Contains("use auto, cpu or cuda", Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu", () => true, () => configured++, Uninitialised)).Message);
    }

    [Fact]
    public void Given_this_libtorch_When_its_context_members_are_looked_up_Then_every_one_the_cuda_settings_call_exists_and_answers()
    {
        Assert.Empty(LibTorchContext.MissingExports());
        // Read only: switching deterministic algorithms on would change this test process's CPU operations.
        Assert.False(LibTorchContext.DeterministicAlgorithms);

        // The cuDNN flags do nothing on the CPU: set, read back and restored, they show the calls reach libtorch.
        bool deterministic = LibTorchContext.DeterministicCuDnn, benchmark = LibTorchContext.BenchmarkCuDnn;
        try
        {
            LibTorchContext.DeterministicCuDnn = !deterministic;
            LibTorchContext.BenchmarkCuDnn = !benchmark;
            Assert.Equal((!deterministic, !benchmark), (LibTorchContext.DeterministicCuDnn, LibTorchContext.BenchmarkCuDnn));
        }
        finally
        {
            LibTorchContext.DeterministicCuDnn = deterministic;
            LibTorchContext.BenchmarkCuDnn = benchmark;
        }
        Assert.Equal((deterministic, benchmark), (LibTorchContext.DeterministicCuDnn, LibTorchContext.BenchmarkCuDnn));
    }

    [Fact]
    public void Given_torchsharp_When_its_tf32_switches_are_read_Then_both_exist_in_this_libtorch()
    {
        // TorchSharp 0.107 has these two; reading them shows the native calls exist (on the CPU they change nothing).
        _ = torch.backends.cuda.matmul.allow_tf32;
        _ = torch.backends.cudnn.allow_tf32;
    }

    [Fact]
    public void Given_the_cublas_workspace_setting_When_prepared_Then_native_code_sees_a_deterministic_value()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("CUDA builds are Linux only, and only there is the setting written to the native environment.");
        CudaDeterminism.PrepareEnvironment();

        var native = Marshal.PtrToStringUTF8(GetEnv(CudaDeterminism.CublasWorkspaceVariable));
        Assert.Equal(Environment.GetEnvironmentVariable(CudaDeterminism.CublasWorkspaceVariable), native);
        Assert.Contains(native, new[] { ":4096:8", ":16:8" });
    }

    [DllImport("libc.so.6", EntryPoint = "getenv")]
    static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
}
