using System.Text;

namespace Repro.Cli.CommandLine;

/// <summary>Help pages built from <see cref="CliSyntax"/>, as plain text within 80 columns.</summary>
public static class HelpText
{
    const int Width = 80;
    const int OptionColumn = 30;

    public static string Root()
    {
        var sb = new StringBuilder();
        sb.AppendLine("repro — reproduction of 'Neural Networks Playing Dough' (claims, figures, report).");
        sb.AppendLine();
        sb.AppendLine($"Usage: {CliSyntax.ProgramName} <verb> [options]");
        sb.AppendLine();
        sb.AppendLine("Verbs:");
        foreach (var v in CliSyntax.Verbs)
            Row(sb, "  " + v.Name + (v.Argument is { } a ? $" [{string.Join('|', a.Choices)}]" : ""), v.Summary);
        sb.AppendLine();
        Options(sb, "Global options (any verb):", CliSyntax.GlobalOptions);
        sb.AppendLine();
        Wrap(sb, "Settings come from appsettings.json (next to the binary), then REPRO_* environment variables " +
                 "(REPRO_PROFILE, REPRO_DEVICE, REPRO_THREADS, REPRO_SEED, REPRO_OUT, REPRO_DATA_DIR, REPRO_ARTIFACTS), then the command line; " +
                 "every value is checked before any work.", "");
        Wrap(sb, $"Exit codes: 0 done, 1 failed, 2 refused command line or settings, 130 interrupted by Ctrl+C and 143 by SIGTERM " +
                 "(both stop cleanly; rerun to resume).", "");
        sb.AppendLine($"Run '{CliSyntax.ProgramName} <verb> --help' for a verb's options.");
        return sb.ToString();
    }

    public static string For(VerbSpec verb)
    {
        var sb = new StringBuilder();
        var usage = $"Usage: {CliSyntax.ProgramName} {verb.Name}" +
                    (verb.Argument is { } a ? $" [{string.Join('|', a.Choices)}]" : "") +
                    (verb.Options.Count > 0 ? " [options]" : "") + " [global options]";
        sb.AppendLine(usage);
        sb.AppendLine();
        Wrap(sb, verb.Description, "");
        sb.AppendLine();
        if (verb.Argument is { } arg)
        {
            sb.AppendLine("Argument:");
            Row(sb, $"  {arg.Name}", $"{arg.Description} One of {CliSyntax.Or(arg.Choices)} (default: {arg.Default}).");
            sb.AppendLine();
        }
        if (verb.Options.Count > 0)
        {
            Options(sb, "Options:", verb.Options);
            sb.AppendLine();
        }
        Options(sb, "Global options:", CliSyntax.GlobalOptions);
        if (verb.Examples.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Examples:");
            foreach (var e in verb.Examples) sb.AppendLine("  " + e);
        }
        return sb.ToString();
    }

    static void Options(StringBuilder sb, string heading, IEnumerable<OptionSpec> options)
    {
        sb.AppendLine(heading);
        foreach (var o in options)
        {
            var left = "  " + o.Name + (o.Kind == ValueKind.Flag ? "" : " " + o.Placeholder);
            var text = o.Description + (o.Default is { } d ? $" Default: {d}." : "");
            Row(sb, left, text);
        }
    }

    static void Row(StringBuilder sb, string left, string text)
    {
        if (left.Length >= OptionColumn - 1)
        {
            sb.AppendLine(left);
            Wrap(sb, text, new string(' ', OptionColumn));
        }
        else
        {
            Wrap(sb, text, new string(' ', OptionColumn), left.PadRight(OptionColumn));
        }
    }

    static void Wrap(StringBuilder sb, string text, string indent, string? firstPrefix = null)
    {
        var line = new StringBuilder(firstPrefix ?? indent);
        int start = line.Length;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > Width)
            {
                sb.AppendLine(line.ToString());
                line.Clear().Append(indent);
                start = line.Length;
            }
            if (line.Length > start) line.Append(' ');
            line.Append(word);
        }
        sb.AppendLine(line.ToString());
    }
}
