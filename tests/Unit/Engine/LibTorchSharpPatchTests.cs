using System.Text;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// The build step of build/PatchLibTorchSharp.targets: where the system libstdc++ lacks
/// GLIBCXX_3.4.32, the copy of libLibTorchSharp.so in the build output has that version-need
/// entry marked weak, and the NuGet cache's copy is left as it was.
/// </summary>
public sealed class LibTorchSharpPatchTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void Given_a_build_on_this_machine_When_reading_the_output_copy_Then_the_GLIBCXX_need_is_weak_only_where_the_system_lacks_it_and_the_cache_is_untouched()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("the GLIBCXX build step exists for Linux builds only.");
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(output), $"missing {output}");
        bool systemHasIt = SystemLibStdCxxHas(Version);
        Assert.Equal(!systemHasIt, IsWeak(File.ReadAllBytes(output), Version));

        var cache = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (File.Exists(cache)) Assert.False(IsWeak(File.ReadAllBytes(cache), Version), $"the NuGet cache's copy was patched: {cache}");
    }

    private static bool SystemLibStdCxxHas(string version)
    {
        foreach (var d in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib/aarch64-linux-gnu", "/usr/lib" })
        {
            var p = Path.Combine(d, "libstdc++.so.6");
            if (File.Exists(p)) return Encoding.ASCII.GetString(File.ReadAllBytes(p)).Contains(version + "\0", StringComparison.Ordinal);
        }
        return true;
    }

    /// <summary>Walks .gnu.version_r (ELF64, little-endian) for the named need and reads VER_FLG_WEAK.</summary>
    private static bool IsWeak(byte[] b, string name)
    {
        long shoff = BitConverter.ToInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A), shnum = BitConverter.ToUInt16(b, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int sh = (int)(shoff + (long)i * shentsize);
            if (BitConverter.ToUInt32(b, sh + 4) != 0x6ffffffe) continue;
            int off = (int)BitConverter.ToInt64(b, sh + 0x18);
            int link = (int)BitConverter.ToUInt32(b, sh + 0x28);
            int count = (int)BitConverter.ToUInt32(b, sh + 0x2C);
            int str = (int)BitConverter.ToInt64(b, (int)(shoff + (long)link * shentsize) + 0x18);
            for (int n = 0, vn = off; n < count; n++, vn += (int)BitConverter.ToUInt32(b, vn + 12))
            {
                int aux = vn + (int)BitConverter.ToUInt32(b, vn + 8);
                for (int a = 0; a < BitConverter.ToUInt16(b, vn + 2); a++, aux += (int)BitConverter.ToUInt32(b, aux + 12))
                {
                    int s = str + (int)BitConverter.ToUInt32(b, aux + 8);
                    if (Encoding.ASCII.GetString(b, s, Array.IndexOf(b, (byte)0, s) - s) == name)
                        return (BitConverter.ToUInt16(b, aux + 4) & 0x2) != 0;
                }
            }
        }
        throw new InvalidDataException($"no {name} version need found");
    }
}
