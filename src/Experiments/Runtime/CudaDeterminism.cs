using System.Runtime.InteropServices;
using TorchSharp;

namespace Repro.Experiments.Runtime;

/// <summary>
/// The settings a CUDA run is made under, so that a rerun on the same GPU, driver and libraries repeats its bits and float32
/// stays float32: deterministic algorithms (nondeterministic operations fail instead of running), cuDNN deterministic and not
/// autotuned, TF32 off in cuBLAS matmuls and cuDNN convolutions, and cuBLAS's fixed workspace (CUBLAS_WORKSPACE_CONFIG=:4096:8,
/// which libtorch requires before it allows deterministic cuBLAS). Applied only on CUDA (<see cref="TorchRuntime.ResolveDevice(string)"/>).
/// </summary>
/// <remarks>
/// TorchSharp 0.107 has the TF32 switches (<c>torch.backends.cuda.matmul.allow_tf32</c>, <c>torch.backends.cudnn.allow_tf32</c>);
/// <c>torch.use_deterministic_algorithms</c> is declared but obsolete ("not implemented"), and <c>torch.backends.cudnn.deterministic</c>
/// and <c>.benchmark</c> do not exist, so those three go through <see cref="LibTorchContext"/>. None of this has run on a GPU here.
/// </remarks>
public static class CudaDeterminism
{
    public const string CublasWorkspaceVariable = "CUBLAS_WORKSPACE_CONFIG";

    /// <summary>The workspace setting that makes cuBLAS deterministic (":16:8" would too, with less memory and speed).</summary>
    public const string CublasWorkspaceValue = ":4096:8";

    static readonly object Gate = new();
    static bool _applied;

    /// <summary>
    /// Sets CUBLAS_WORKSPACE_CONFIG in the native environment, where cuBLAS and libtorch read it, before CUDA starts; a value
    /// the user set is kept (libtorch refuses a nondeterministic one once deterministic algorithms are on).
    /// </summary>
    public static void PrepareEnvironment()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CublasWorkspaceVariable))) return;
        Environment.SetEnvironmentVariable(CublasWorkspaceVariable, CublasWorkspaceValue);
        // On Linux .NET keeps its own copy of the environment: native getenv sees only what setenv puts there (CUDA is Linux only).
        if (OperatingSystem.IsLinux() && SetEnv(CublasWorkspaceVariable, CublasWorkspaceValue, overwrite: 0) != 0)
            throw new InvalidOperationException($"setenv({CublasWorkspaceVariable}) failed (errno {Marshal.GetLastPInvokeError()}); set {CublasWorkspaceVariable}={CublasWorkspaceValue} before starting.");
    }

    /// <summary>Makes every setting above, once per process. Call only for CUDA, before the first CUDA computation.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (_applied) return;
            PrepareEnvironment();
            torch.backends.cuda.matmul.allow_tf32 = false;
            torch.backends.cudnn.allow_tf32 = false;
            LibTorchContext.DeterministicAlgorithms = true;
            LibTorchContext.DeterministicCuDnn = true;
            LibTorchContext.BenchmarkCuDnn = false;
            _applied = true;
        }
    }

    /// <summary>What <see cref="Apply"/> sets, as one line for logs and the README.</summary>
    public const string Settings =
        "deterministic algorithms on, cuDNN deterministic and not benchmarked, TF32 off (cuBLAS matmul and cuDNN), CUBLAS_WORKSPACE_CONFIG=:4096:8";

    [DllImport("libc.so.6", EntryPoint = "setenv", SetLastError = true)]
    static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
