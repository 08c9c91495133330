using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Repro.Experiments.Runtime;

/// <summary>
/// glibc's malloc settings for libtorch's CPU buffers. By default glibc gives a freed block above its adaptive mmap
/// threshold back to the kernel, and trims a heap's top once twice that threshold lies free, so the activations of a
/// training step (a few MiB each) were mapped, faulted in and unmapped again on every step: a quarter of a quick CNN's
/// training time was spent in the kernel. A fixed mmap threshold of 32 MiB (glibc's largest) and a trim threshold of
/// 128 MiB keep them in the heap for the next step. No number changes: libtorch aligns every buffer to 64 bytes itself.
/// </summary>
public static class NativeHeap
{
    const int TrimThresholdOption = -1, MmapThresholdOption = -3;
    /// <summary>Blocks below this come from the heap and are reused there.</summary>
    public const int MmapThresholdBytes = 32 << 20;
    /// <summary>Free memory at a heap's top beyond this goes back to the kernel.</summary>
    public const int TrimThresholdBytes = 128 << 20;

    static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>Whether the settings are in force (false off glibc, where malloc is left as it is).</summary>
    public static bool Tuned => Applied.Value;

    /// <summary>The settings in words, for the stage table.</summary>
    public static string Description => Tuned
        ? $"glibc malloc: mmap threshold {MmapThresholdBytes >> 20} MiB, trim threshold {TrimThresholdBytes >> 20} MiB"
        : "the C library's malloc as it is";

    /// <summary>Applies the settings once; later calls return whether they took.</summary>
    public static bool Ensure() => Applied.Value;

    // Before the first tensor of any code in this assembly: libtorch allocates only when asked to by it (or by a test).
#pragma warning disable CA2255 // A module initializer in a library: the settings must precede libtorch's first buffers.
    [ModuleInitializer]
    internal static void OnLoad() => Ensure();
#pragma warning restore CA2255

    static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(MmapThresholdOption, MmapThresholdBytes) == 1 & Mallopt(TrimThresholdOption, TrimThresholdBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl has no mallopt): nothing to tune
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int option, int value);
}
