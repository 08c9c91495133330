namespace Repro.Results;

/// <summary>Where and with what a result was obtained.</summary>
/// <param name="ScienceVersion">The version of the science code that computed it (a hash of its sources); null in records written before
/// it was kept, which are therefore never resumed.</param>
/// <param name="Gpu">On CUDA, the GPU's name (null on the CPU, and then not written, so CPU records keep their form).</param>
/// <param name="GpuDriver">On CUDA, the NVIDIA driver's version (null on the CPU).</param>
/// <param name="Cuda">On CUDA, the CUDA version libtorch was built for, else the one the driver supports (null on the CPU).</param>
public sealed record EnvironmentInfo(
    string Os, string Cpu, string Device, string DotNet, string TorchSharp, string LibTorch,
    int Threads, string Commit, DateTimeOffset Date,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ScienceVersion = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Gpu = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? GpuDriver = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Cuda = null)
{
    /// <summary>
    /// Why a result computed at <paramref name="then"/> is not what <paramref name="now"/> would compute (null: it is): other science
    /// code (when <paramref name="now"/> knows its version; a result that kept none counts as other code), or what gives other bits
    /// from the same code: the device, TorchSharp, libtorch, and on CUDA the GPU, its driver and CUDA ("none" on the CPU).
    /// </summary>
    public static string? BitsDiffer(EnvironmentInfo then, EnvironmentInfo now)
    {
        if (now.ScienceVersion is { } science && then.ScienceVersion != science)
            return then.ScienceVersion is null
                ? "was written before records kept the version of the science code that computed them"
                : $"was written by other science code (version {then.ScienceVersion}, this is {science})";
        foreach (var (what, was, here) in new[]
                 {
                     ("device", then.Device, now.Device), ("TorchSharp", then.TorchSharp, now.TorchSharp), ("libtorch", then.LibTorch, now.LibTorch),
                     ("GPU", then.Gpu, now.Gpu), ("GPU driver", then.GpuDriver, now.GpuDriver), ("CUDA", then.Cuda, now.Cuda),
                 })
            if (was != here) return $"was written with {what} {was ?? "none"}, this run uses {here ?? "none"}";
        return null;
    }
}
