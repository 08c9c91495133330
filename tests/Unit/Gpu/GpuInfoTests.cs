using Repro.Experiments.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Gpu;

/// <summary>The GPU's identity, read from nvidia-smi's output (sample strings: no GPU has run this), and what it adds to cache keys.</summary>
public sealed class GpuInfoTests
{
    const string Query = """
        0, GPU-5f3c2a1b-0000-1111-2222-333344445555, NVIDIA H100 80GB HBM3, 570.124.06
        1, GPU-9a8b7c6d-0000-1111-2222-333344445555, NVIDIA A100-SXM4-40GB, 570.124.06

        """;

    const string Banner = """
        +-----------------------------------------------------------------------------------------+
        | NVIDIA-SMI 570.124.06             Driver Version: 570.124.06     CUDA Version: 12.8     |
        |-----------------------------------------+------------------------+----------------------+
        """;

    [Fact]
    public void Given_nvidia_smis_query_output_When_parsed_Then_each_gpu_has_its_index_uuid_name_and_driver()
    {
        var rows = GpuInfo.ParseQuery(Query);

        Assert.Equal(
            [new GpuInfo.SmiRow(0, "GPU-5f3c2a1b-0000-1111-2222-333344445555", "NVIDIA H100 80GB HBM3", "570.124.06"),
             new GpuInfo.SmiRow(1, "GPU-9a8b7c6d-0000-1111-2222-333344445555", "NVIDIA A100-SXM4-40GB", "570.124.06")], rows);
    }

    [Theory]
    [InlineData("No devices were found")]
    [InlineData("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")]
    [InlineData("")]
    [InlineData("x, GPU-1, NVIDIA T4, 535.0")]
    [InlineData("0, GPU-1, , 535.0")]
    public void Given_output_that_names_no_gpu_When_parsed_Then_there_are_no_rows(string output) =>
        Assert.Empty(GpuInfo.ParseQuery(output));

    [Fact]
    public void Given_a_gpu_name_with_a_comma_When_parsed_Then_the_fields_between_uuid_and_driver_are_its_name() =>
        Assert.Equal("Odd, GPU", Assert.Single(GpuInfo.ParseQuery("3, GPU-1, Odd, GPU, 550.54.15")).Name);

    [Theory]
    [InlineData(null, 0, 0)]
    [InlineData(null, 1, 1)]
    [InlineData("", 1, 1)]
    [InlineData("1", 0, 1)]
    [InlineData("1,0", 1, 0)]
    [InlineData("GPU-9a8b", 0, 1)]
    [InlineData("GPU-5f3c2a1b-0000-1111-2222-333344445555", 0, 0)]
    public void Given_CUDA_VISIBLE_DEVICES_When_selecting_cudas_device_Then_the_gpu_nvidia_smi_numbers_so_is_chosen(string? visible, int ordinal, int index) =>
        Assert.Equal(index, GpuInfo.Select(GpuInfo.ParseQuery(Query), visible, ordinal)!.Index);

    [Theory]
    [InlineData(null, 2)]
    [InlineData("1", 1)]
    [InlineData("7", 0)]
    [InlineData("GPU-ffff", 0)]
    public void Given_an_ordinal_cuda_does_not_have_When_selecting_Then_there_is_no_gpu(string? visible, int ordinal) =>
        Assert.Null(GpuInfo.Select(GpuInfo.ParseQuery(Query), visible, ordinal));

    [Fact]
    public void Given_nvidia_smis_banner_When_parsed_Then_the_cuda_version_is_read_and_output_without_it_gives_none()
    {
        Assert.Equal("12.8", GpuInfo.ParseCudaVersion(Banner));
        Assert.Null(GpuInfo.ParseCudaVersion("NVIDIA-SMI has failed"));
    }

    [Fact]
    public void Given_the_cpu_When_asked_for_its_gpu_and_key_Then_there_is_none_so_cpu_keys_and_records_stay_as_they_were()
    {
        Assert.Null(GpuInfo.Of(CPU));
        Assert.Null(GpuInfo.KeyOf(CPU));
        Assert.Null(GpuInfo.KeyOf(DeviceType.CPU, () => throw new InvalidOperationException("the CPU asks for no GPU")));
        // A CPU build of libtorch names no CUDA.
        Assert.Null(GpuInfo.LibTorchCuda);
    }

    [Fact]
    public void Given_cuda_When_keyed_Then_the_key_names_the_gpu_driver_and_cuda_and_another_gpu_or_driver_gives_another_key()
    {
        var h100 = new GpuInfo("NVIDIA H100 80GB HBM3", "570.124.06", "12.8");
        var key = GpuInfo.KeyOf(DeviceType.CUDA, () => h100);

        Assert.Equal("cuda; NVIDIA H100 80GB HBM3; driver 570.124.06; CUDA 12.8", key);
        Assert.NotEqual(key, GpuInfo.KeyOf(DeviceType.CUDA, () => h100 with { Name = "NVIDIA A100-SXM4-40GB" }));
        Assert.NotEqual(key, GpuInfo.KeyOf(DeviceType.CUDA, () => h100 with { Driver = "575.51.03" }));
        Assert.NotEqual(key, GpuInfo.KeyOf(DeviceType.CUDA, () => h100 with { Cuda = "12.9" }));
        // Without nvidia-smi a GPU is still never the CPU.
        Assert.Equal("cuda; unknown; driver unknown; CUDA unknown", GpuInfo.KeyOf(DeviceType.CUDA, () => null));
    }
}
