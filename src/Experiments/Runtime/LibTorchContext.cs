using System.Runtime.InteropServices;

namespace Repro.Experiments.Runtime;

/// <summary>
/// libtorch's global settings that TorchSharp 0.107 does not expose, read and set through <c>at::Context</c>'s exported members
/// in libtorch_cpu (present in the CPU and the CUDA builds alike). TorchSharp's <c>torch.use_deterministic_algorithms</c> is
/// marked obsolete ("not implemented") and throws, and it has no <c>torch.backends.cudnn.deterministic</c> or <c>.benchmark</c>.
/// </summary>
/// <remarks>
/// The members are called by their Itanium-mangled names (Linux and macOS; the CUDA package is Linux only): a member function takes
/// the <c>at::Context*</c> of <c>at::globalContext()</c> as its first argument, and a C++ bool is one byte. A libtorch that renames
/// them is refused with one line naming the export. Only the getters and the cuDNN flags (which do nothing on the CPU) are exercised
/// by the CPU tests; the deterministic-algorithms switch is set only on CUDA and has never run here.
/// </remarks>
public static class LibTorchContext
{
    public const string Library = "libtorch_cpu";
    public const string GlobalContext = "_ZN2at13globalContextEv";
    public const string SetDeterministicAlgorithms = "_ZN2at7Context26setDeterministicAlgorithmsEbb";
    public const string GetDeterministicAlgorithms = "_ZNK2at7Context23deterministicAlgorithmsEv";
    public const string SetDeterministicCuDnn = "_ZN2at7Context21setDeterministicCuDNNEb";
    public const string GetDeterministicCuDnn = "_ZNK2at7Context18deterministicCuDNNEv";
    public const string SetBenchmarkCuDnn = "_ZN2at7Context17setBenchmarkCuDNNEb";
    public const string GetBenchmarkCuDnn = "_ZNK2at7Context14benchmarkCuDNNEv";

    /// <summary>Every export this type calls.</summary>
    public static IReadOnlyList<string> Exports { get; } =
        [GlobalContext, SetDeterministicAlgorithms, GetDeterministicAlgorithms, SetDeterministicCuDnn, GetDeterministicCuDnn, SetBenchmarkCuDnn, GetBenchmarkCuDnn];

    /// <summary>The exports of <see cref="Exports"/> this libtorch lacks (none: every setting can be made).</summary>
    public static IReadOnlyList<string> MissingExports() => [.. Exports.Where(e => !NativeLibrary.TryGetExport(Handle.Value, e, out _))];

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate IntPtr ContextOf();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    delegate bool GetFlag(IntPtr context);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    delegate void SetFlagWarnOnly(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool value, [MarshalAs(UnmanagedType.U1)] bool warnOnly);

    static readonly Lazy<IntPtr> Handle = new(Load);

    /// <summary>at::Context::deterministicAlgorithms(): whether nondeterministic operations raise (what torch.use_deterministic_algorithms sets).</summary>
    public static bool DeterministicAlgorithms
    {
        get => Get(GetDeterministicAlgorithms);
        // warn_only false: an operation with no deterministic implementation fails instead of running nondeterministically.
        set => Export<SetFlagWarnOnly>(SetDeterministicAlgorithms)(Context(), value, false);
    }

    /// <summary>at::Context::deterministicCuDNN(): torch.backends.cudnn.deterministic.</summary>
    public static bool DeterministicCuDnn
    {
        get => Get(GetDeterministicCuDnn);
        set => Export<SetFlag>(SetDeterministicCuDnn)(Context(), value);
    }

    /// <summary>at::Context::benchmarkCuDNN(): torch.backends.cudnn.benchmark (autotuning picks kernels by timing, so off).</summary>
    public static bool BenchmarkCuDnn
    {
        get => Get(GetBenchmarkCuDnn);
        set => Export<SetFlag>(SetBenchmarkCuDnn)(Context(), value);
    }

    static bool Get(string name) => Export<GetFlag>(name)(Context());

    static IntPtr Context() => Export<ContextOf>(GlobalContext)();

    static T Export<T>(string name) where T : Delegate =>
        NativeLibrary.TryGetExport(Handle.Value, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new InvalidOperationException($"libtorch has no export {name} in {Library}: the CUDA determinism settings cannot be made (TorchSharp 0.107 has no call for them).");

    /// <summary>The libtorch_cpu that TorchSharp loaded: by its soname once loaded, else from this program's native folders.</summary>
    static IntPtr Load()
    {
        // Any TorchSharp call loads libtorch first, so the soname finds the copy already in the process.
        _ = TorchSharp.torch.get_num_threads();
        string file = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        string rid = RuntimeInformation.RuntimeIdentifier;
        foreach (var candidate in new[] { file, Path.Combine(AppContext.BaseDirectory, file), Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", file) })
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        throw new InvalidOperationException($"{file} could not be loaded (searched the loaded libraries and {AppContext.BaseDirectory}): the CUDA determinism settings cannot be made.");
    }
}
