using System.Runtime.InteropServices;

namespace Repro.Experiments.Runtime;

/// <summary>What the machine is, for result files and benchmarks.</summary>
public static class MachineInfo
{
    /// <summary>The CPU's model name from /proc/cpuinfo, else the process architecture.</summary>
    public static string CpuName()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                : null;
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
