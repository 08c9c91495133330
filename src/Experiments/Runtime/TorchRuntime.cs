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

    /// <summary>
    /// Pick a device: "cpu", "cuda" or "auto" (CUDA when available). On CUDA the determinism settings are made first
    /// (<see cref="CudaDeterminism"/>); the CPU is left exactly as it was.
    /// </summary>
    public static Device ResolveDevice(string device) => ResolveDevice(device, CudaAvailable, CudaDeterminism.Apply, () => CUDA);

    /// <summary><see cref="ResolveDevice(string)"/> with CUDA's availability and its settings supplied (a seam for tests).</summary>
    /// <param name="configureCuda">Called once the device is CUDA, before it is handed out; never for the CPU.</param>
    /// <param name="cudaDevice">The CUDA device (torch.CUDA, which initialises CUDA).</param>
    public static Device ResolveDevice(string device, Func<bool> cudaAvailable, Action configureCuda, Func<Device> cudaDevice)
    {
        var resolved = device.ToLowerInvariant() switch
        {
            "cpu" => CPU,
            "cuda" => cudaAvailable() ? cudaDevice() : throw new InvalidOperationException("--device cuda was asked for but CUDA is not available (build with -p:TorchBackend=cuda on a GPU machine)."),
            "auto" => cudaAvailable() ? cudaDevice() : CPU,
            _ => throw new ArgumentException($"Unknown device '{device}': use auto, cpu or cuda."),
        };
        if (resolved.type == DeviceType.CUDA) configureCuda();
        return resolved;
    }

    /// <summary>Whether CUDA is available, asked only after cuBLAS's workspace setting is in the environment (it is read when CUDA starts).</summary>
    static bool CudaAvailable()
    {
        CudaDeterminism.PrepareEnvironment();
        return cuda.is_available();
    }

    /// <summary>The libtorch package version this build references (Directory.Packages.props), for result files.</summary>
    public static string LibTorchVersion { get; } =
        typeof(TorchRuntime).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LibTorchVersion")?.Value ?? "unknown";

    /// <summary>The TorchSharp package version in use (for result files).</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
