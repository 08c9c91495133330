using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Logging;
using Repro.Cli.CommandLine;

namespace Repro.Cli.Hosting;

/// <summary>
/// What the configuration (appsettings.json, REPRO_* variables, the command line) holds that would be ignored or would
/// crash the host before <see cref="ReproOptionsValidator"/> sees it: a file that does not read, a list where one value
/// belongs, a log level that is none. Each problem is one line naming the key and where it came from.
/// </summary>
public static class SettingsChecks
{
    /// <summary>The settings file beside the binary.</summary>
    public const string FileName = "appsettings.json";

    static readonly IReadOnlyDictionary<string, string> Allowed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Profile"] = "quick or paper",
        ["Study"] = "budget or full",
        ["Device"] = CliSyntax.Or(ReproOptionsValidator.Devices),
        ["Seed"] = $"a whole number {Ranges.Seed}",
        ["Out"] = "a folder",
        ["DataDir"] = "a folder",
        ["Jobs"] = $"a whole number {Ranges.Workers}",
        ["Threads"] = $"a whole number {Ranges.Workers}",
        ["Shard"] = "I/N (shard I of N) or none",
        ["Quiet"] = "true or false",
        ["Verbose"] = "true or false",
    };

    /// <summary>The one line for a settings file the configuration could not load: where it fails, or the parser's reason.</summary>
    public static string Unreadable(string file, Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is { } next && inner is not JsonException) inner = next;
        return inner is JsonException { LineNumber: { } line } json
            ? $"{file} is not valid JSON (line {line + 1}, byte {json.BytePositionInLine + 1}): fix it, or remove it for the defaults"
            : $"{file} cannot be read as settings ({CliApp.OneLine(inner.Message).TrimEnd('.')}): fix it, or remove it for the defaults";
    }

    /// <summary>Every problem, one line each; empty when the configuration can be bound and used.</summary>
    public static IReadOnlyList<string> Check(IConfigurationRoot configuration, string file)
    {
        var problems = new List<string>();
        foreach (var (key, allowed) in Allowed)
            if (configuration.GetSection(key).GetChildren().Any())
                problems.Add($"{key} in {SourceOf(configuration, key, file)} must be one value ({allowed}), not a list or an object");
        problems.AddRange(ReproOptionsValidator.CheckRaw(configuration));
        // Microsoft.Extensions.Logging reads Logging:LogLevel and Logging:<provider>:LogLevel when the first logger is made, and throws on a bad level.
        foreach (var section in configuration.GetSection("Logging").GetChildren())
        {
            var levels = string.Equals(section.Key, "LogLevel", StringComparison.OrdinalIgnoreCase) ? section : section.GetSection("LogLevel");
            foreach (var (key, value) in levels.AsEnumerable())
                if (!string.IsNullOrEmpty(value) && !Enum.TryParse<LogLevel>(value, ignoreCase: true, out _))
                    problems.Add($"{key} in {SourceOf(configuration, key, file)} must be a log level " +
                                 $"({CliSyntax.Or(Enum.GetNames<LogLevel>())}), got '{value}'");
        }
        return problems;
    }

    /// <summary>Where a key's value comes from: the last source that has it (the command line, a REPRO_ variable or the settings file).</summary>
    static string SourceOf(IConfigurationRoot configuration, string key, string file)
    {
        foreach (var provider in configuration.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _) && !provider.GetChildKeys([], key).Any()) continue;
            return provider switch
            {
                FileConfigurationProvider => file,
                EnvironmentVariablesConfigurationProvider => CliApp.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(),
                _ => "the command line",
            };
        }
        return file;
    }
}
