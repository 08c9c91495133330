using System.Globalization;
using System.Text;

namespace Repro.Cli.CommandLine;

/// <summary>
/// The longest folder the system takes: PATH_MAX (4,096 bytes with the terminating NUL) for the whole path and NAME_MAX
/// (255 bytes) for each name in it, counted on the absolute path that the run would use.
/// </summary>
public static class PathLimits
{
    public const int PathMax = 4096;
    public const int NameMax = 255;

    /// <summary>"is too long for a path (…): give a shorter folder", or null when the folder's path fits.</summary>
    public static string? Problem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid path: give another folder";
        }
        int bytes = Encoding.UTF8.GetByteCount(full);
        int longest = full.Split(['/', Path.DirectorySeparatorChar]).Max(Encoding.UTF8.GetByteCount);
        return bytes < PathMax && longest <= NameMax
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"is too long for a path ({bytes:N0} bytes, its longest name {longest:N0}; the system allows {PathMax - 1:N0} and a name {NameMax}): give a shorter folder");
    }
}
