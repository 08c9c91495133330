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
