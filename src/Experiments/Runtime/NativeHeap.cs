using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Experiments.Runtime;

/// <summary>
/// glibc's malloc settings for libtorch's CPU buffers. By default glibc gives a freed block above its adaptive mmap
/// threshold back to the kernel, and trims a heap's top once twice that threshold lies free, so the activations of a
/// training step (a few MiB each) were mapped, faulted in and unmapped again on every step: a quarter of a quick CNN's
/// training time was spent in the kernel. A fixed mmap threshold of 32 MiB (glibc's largest) and a trim threshold of
/// 128 MiB keep them in the heap for the next step. No number changes: libtorch aligns every buffer to 64 bytes itself.
/// The cost: a thread's arena (heaps of at most 64 MiB, under the trim threshold) keeps what it held at its peak.
/// </summary>
public static class NativeHeap
{
    const int TrimThresholdOption = -1, MmapThresholdOption = -3;
    /// <summary>Blocks below this come from the heap and are reused there.</summary>
    public const int MmapThresholdBytes = 32 << 20;
    /// <summary>Free memory at a heap's top beyond this goes back to the kernel.</summary>
    public const int TrimThresholdBytes = 128 << 20;

    static readonly Lazy<(bool Mmap, bool Trim)> Applied = new(Apply);

    /// <summary>Whether both settings are in force (false off glibc, where malloc is left as it is).</summary>
    public static bool Tuned => Applied.Value is (true, true);

    /// <summary>The settings in words, for the stage table.</summary>
    public static string Description => Applied.Value switch
    {
        (true, true) => $"glibc malloc: mmap threshold {MmapThresholdBytes >> 20} MiB, trim threshold {TrimThresholdBytes >> 20} MiB",
        (true, false) => $"glibc malloc: mmap threshold {MmapThresholdBytes >> 20} MiB (the trim threshold was refused)",
        (false, true) => $"glibc malloc: trim threshold {TrimThresholdBytes >> 20} MiB (the mmap threshold was refused)",
        _ => "the C library's malloc as it is",
    };

    /// <summary>Applies the settings once; later calls return whether they took.</summary>
    public static bool Ensure() => Tuned;

    // When this assembly loads, so before any of its code asks libtorch for a buffer. mallopt works at any time; buffers
    // freed before it simply followed the old rule.
#pragma warning disable CA2255 // A module initializer in a library: the settings should precede libtorch's first buffers.
    [ModuleInitializer]
    internal static void OnLoad() => Ensure();
#pragma warning restore CA2255

    static (bool, bool) Apply()
    {
        if (!OperatingSystem.IsLinux()) return (false, false);
        try
        {
            return (Mallopt(MmapThresholdOption, MmapThresholdBytes) == 1, Mallopt(TrimThresholdOption, TrimThresholdBytes) == 1);
        }
#pragma warning disable CA1031 // Any failure (no glibc, no mallopt, a refused load) leaves malloc as it is; the module must still load.
        catch (Exception)
        {
            return (false, false);
        }
#pragma warning restore CA1031
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int option, int value);
}
