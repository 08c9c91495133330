using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Runtime;

/// <summary>
/// Which GPU a CUDA run used: its name, the NVIDIA driver's version and the CUDA version. It goes into records and every
/// cache key, because another GPU, driver or CUDA gives other bits from the same code. TorchSharp 0.107 has no device-name
/// call (only <c>cuda.is_available</c>, <c>device_count</c>, <c>is_cudnn_available</c>), so the name and driver come from
/// <c>nvidia-smi</c>; the CUDA version is the one libtorch was built for (the CUDA runtime, cuBLAS and cuDNN that compute), else the
/// highest the driver supports as <c>nvidia-smi</c> prints it.
/// </summary>
/// <remarks>Never run on a GPU in this project so far: the parsing is unit-tested on sample output.</remarks>
public sealed record GpuInfo(string Name, string Driver, string Cuda)
{
    public const string Unknown = "unknown";

    /// <summary>One string for cache keys and comparisons.</summary>
    public string Identity => $"{Name}; driver {Driver}; CUDA {Cuda}";

    static readonly ConcurrentDictionary<int, GpuInfo> Detected = new();

    /// <summary>The GPU of <paramref name="device"/>, detected once per device; null on any device but CUDA.</summary>
    public static GpuInfo? Of(Device device) =>
        device.type == DeviceType.CUDA ? Detected.GetOrAdd(Math.Max(0, (int)device.index), Detect) : null;

    /// <summary>
    /// What a cache key adds for <paramref name="device"/>: null on the CPU, so that CPU keys stay as they were; the device
    /// type and, on CUDA, the GPU's identity otherwise, so that a CPU entry is never taken for a GPU run nor one GPU's for another's.
    /// </summary>
    public static string? KeyOf(Device device) => KeyOf(device.type, () => Of(device));

    /// <summary><see cref="KeyOf(Device)"/> with the GPU supplied (a seam for tests).</summary>
    public static string? KeyOf(DeviceType type, Func<GpuInfo?> gpu) => type switch
    {
        DeviceType.CPU => null,
        DeviceType.CUDA => $"cuda; {(gpu() ?? new GpuInfo(Unknown, Unknown, Unknown)).Identity}",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The CUDA version this build's libtorch was built for (build/TorchSharp.props), null in a CPU build.</summary>
    public static string? LibTorchCuda { get; } =
        typeof(GpuInfo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LibTorchCuda")?.Value is { Length: > 0 } v ? v : null;

    /// <summary>The GPU that CUDA calls device <paramref name="ordinal"/>, from <c>nvidia-smi</c>; "unknown" parts where it is missing or fails.</summary>
    static GpuInfo Detect(int ordinal)
    {
        var query = NvidiaSmi("--query-gpu=index,uuid,name,driver_version --format=csv,noheader");
        var row = query is null ? null : Select(ParseQuery(query), Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES"), ordinal);
        var cuda = LibTorchCuda ?? (NvidiaSmi("") is { } banner ? ParseCudaVersion(banner) : null);
        return new GpuInfo(row?.Name ?? Unknown, row?.Driver ?? Unknown, cuda ?? Unknown);
    }

    /// <summary>One line of <c>nvidia-smi --query-gpu=index,uuid,name,driver_version --format=csv,noheader</c>.</summary>
    public sealed record SmiRow(int Index, string Uuid, string Name, string Driver);

    /// <summary>
    /// The rows of <c>nvidia-smi --query-gpu=index,uuid,name,driver_version --format=csv,noheader</c>; lines that are not
    /// four fields with an integer index are passed over (a GPU's name may hold a comma: the fields between uuid and driver are its name).
    /// </summary>
    public static IReadOnlyList<SmiRow> ParseQuery(string output)
    {
        var rows = new List<SmiRow>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length < 4 || !int.TryParse(f[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)) continue;
            string name = string.Join(", ", f[2..^1]);
            if (name.Length == 0 || f[^1].Length == 0) continue;
            rows.Add(new SmiRow(index, f[1], name, f[^1]));
        }
        return rows;
    }

    /// <summary>
    /// The row of the GPU that CUDA numbers <paramref name="ordinal"/>: CUDA_VISIBLE_DEVICES (indexes or UUIDs, or their
    /// prefixes) renumbers the GPUs from 0, nvidia-smi does not. Null when there is no such GPU.
    /// </summary>
    public static SmiRow? Select(IReadOnlyList<SmiRow> rows, string? cudaVisibleDevices, int ordinal)
    {
        if (string.IsNullOrWhiteSpace(cudaVisibleDevices)) return ordinal < rows.Count ? rows.OrderBy(r => r.Index).ElementAt(ordinal) : null;
        var visible = cudaVisibleDevices.Split(',', StringSplitOptions.TrimEntries);
        if (ordinal >= visible.Length) return null;
        var wanted = visible[ordinal];
        return int.TryParse(wanted, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i)
            ? rows.FirstOrDefault(r => r.Index == i)
            : rows.FirstOrDefault(r => wanted.Length > 0 && r.Uuid.StartsWith(wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The "CUDA Version: 12.8" of plain <c>nvidia-smi</c>'s banner (the highest CUDA the driver supports); null when absent.</summary>
    public static string? ParseCudaVersion(string output) =>
        Regex.Match(output, @"CUDA Version:\s*([0-9]+(?:\.[0-9]+)*)") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>nvidia-smi's standard output, or null where it is not installed, fails or takes over 10 s.</summary>
    static string? NvidiaSmi(string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("nvidia-smi", arguments)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(10_000))
            {
                p.Kill(entireProcessTree: true);
                return null;
            }
            return p.ExitCode == 0 ? output.Result : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
