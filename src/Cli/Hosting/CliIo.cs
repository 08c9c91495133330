using Spectre.Console;

namespace Repro.Cli.Hosting;

/// <summary>
/// Where the command line talks: <see cref="Console"/> for results, tables and progress bars; <see cref="Error"/> for
/// the one-line errors and log messages. Tests pass a console over a StringWriter.
/// </summary>
public sealed record CliIo(IAnsiConsole Console, TextWriter Error, bool OutputRedirected)
{
    /// <summary>The process's stdout (through Spectre.Console) and stderr.</summary>
    public static CliIo Standard()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        bool redirected = System.Console.IsOutputRedirected;
        if (redirected) console.Profile.Width = RedirectedWidth; // a file or pipe has no width: do not wrap at 80
        return new CliIo(console, System.Console.Error, redirected);
    }

    /// <summary>
    /// Whether the process was started with its standard output closed (<c>&gt;&amp;-</c>): every write would then fail, after the
    /// work is done. Asked of the descriptor itself, since .NET opens a closed stdout without complaint: descriptor 1 is closed, or
    /// open but not for writing (the runtime's own first read-only file takes the lowest free descriptor, which is then 1).
    /// </summary>
    public static bool StandardOutputClosed()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try
        {
            int flags = Fcntl(1, 3 /* F_GETFL */);
            return flags == -1 || (flags & 3 /* O_ACCMODE */) == 0 /* O_RDONLY */;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int cmd);

    /// <summary>The width Spectre.Console lays out to when output goes to a file or a pipe.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>A plain console (no colours, no cursor movement) writing to <paramref name="output"/>.</summary>
    public static CliIo Plain(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return new CliIo(console, error, OutputRedirected: true);
    }
}
