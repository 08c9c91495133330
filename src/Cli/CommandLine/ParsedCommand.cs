namespace Repro.Cli.CommandLine;

/// <summary>A command line the parse accepted: the verb, its typed settings, and the global options it gave.</summary>
/// <param name="Configuration">
/// The global options given (and --seed), as configuration keys above appsettings.json and REPRO_* variables, so the
/// settings' validation sees every source alike.
/// </param>
public sealed record ParsedCommand(VerbSpec Verb, VerbSettings Settings, IReadOnlyDictionary<string, string?> Configuration);
