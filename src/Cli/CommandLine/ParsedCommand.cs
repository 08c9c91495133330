using System.Globalization;

namespace Repro.Cli.CommandLine;

/// <summary>A command line that has been checked against the syntax.</summary>
public sealed record ParsedCommand(
    VerbSpec? Verb,
    IReadOnlyDictionary<string, string> Values,
    string? Argument,
    bool HelpRequested,
    IReadOnlyDictionary<string, string?> Configuration)
{
    /// <summary>The help page asked for (--help), as System.CommandLine writes it.</summary>
    public string HelpText { get; init; } = "";

    public bool Has(string option) => Values.ContainsKey(option);
    public string? Get(string option) => Values.TryGetValue(option, out var v) ? v : null;
    public string GetOr(string option, string fallback) => Get(option) ?? fallback;
    public int? GetInt(string option) => Get(option) is { } v ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
    public double? GetDouble(string option) => Get(option) is { } v ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
}
