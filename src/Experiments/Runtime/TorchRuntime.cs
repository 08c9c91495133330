using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Runtime;

/// <summary>
/// Process-wide libtorch settings. Why one intra-op thread by default: on 2-vCPU machines two
/// threads contending over operations this small were measured several times slower than one;
/// the cores are used instead by running independent configurations and seeds side by side.
/// </summary>
public static class TorchRuntime
{
    private static readonly object Gate = new();
    private static int _configuredThreads = -1;

    /// <summary>The lock around global-RNG use (module initialisation), so parallel runs stay deterministic.</summary>
    public static object GlobalRngLock { get; } = new();

    public static int IntraOpThreads => _configuredThreads;

    public static void Configure(int intraOpThreads = 1)
    {
        if (intraOpThreads < 1) throw new ArgumentOutOfRangeException(nameof(intraOpThreads), "Intra-op threads must be at least 1.");
        lock (Gate)
        {
            if (_configuredThreads == intraOpThreads) return;
            torch.set_num_threads(intraOpThreads);
            _configuredThreads = intraOpThreads;
        }
    }

    /// <summary>Pick a device: "cpu", "cuda" or "auto" (CUDA when available).</summary>
    public static Device ResolveDevice(string device) => device.ToLowerInvariant() switch
    {
        "cpu" => CPU,
        "cuda" => cuda.is_available() ? CUDA : throw new InvalidOperationException("--device cuda was asked for but CUDA is not available (build with -p:TorchBackend=cuda on a GPU machine)."),
        "auto" => cuda.is_available() ? CUDA : CPU,
        _ => throw new ArgumentException($"Unknown device '{device}': use auto, cpu or cuda."),
    };

    /// <summary>The libtorch package version this build references (Directory.Packages.props), for result files.</summary>
    public static string LibTorchVersion { get; } =
        typeof(TorchRuntime).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LibTorchVersion")?.Value ?? "unknown";

    /// <summary>The TorchSharp package version in use (for result files).</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
