using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Repro.Cli.CommandLine;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;
using Repro.Cli.Ui;
using Repro.Experiments.Data;
using Spectre.Console;

namespace Repro.Cli;

/// <summary>
/// The <c>repro</c> command: parse the command line, build a generic host (appsettings.json, REPRO_* variables, command
/// line; validated options; logging), run the verb's command, and turn what went wrong into one line and an exit code
/// (0 done, 1 failed, 2 refused, 130 interrupted).
/// </summary>
public static class CliApp
{
    public const string EnvironmentPrefix = "REPRO_";

    /// <param name="args">The command line.</param>
    /// <param name="io">Where to write; the process's stdout and stderr when null.</param>
    /// <param name="configureServices">Last-moment service overrides (tests replace commands here).</param>
    /// <param name="cancel">Cancels the command as Ctrl+C does.</param>
    /// <param name="settingsFile">The settings file; appsettings.json beside the binary when null (tests name their own).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliIo? io = null,
        Action<IServiceCollection>? configureServices = null, CancellationToken cancel = default, string? settingsFile = null)
    {
        if (io is null && CliIo.StandardOutputClosed())
        {
            // Checked before any work: a run whose results cannot be printed would otherwise fail only at its end.
            System.Console.Error.WriteLine("error: standard output is closed: redirect it to a file or to /dev/null instead (e.g. > /dev/null) and rerun; nothing was run");
            return ExitCodes.Usage;
        }
        io ??= CliIo.Standard();
        settingsFile ??= Path.Combine(AppContext.BaseDirectory, SettingsChecks.FileName);
        var grammar = new CliGrammar((parsed, token) => RunVerbAsync(parsed, io, configureServices, settingsFile, token));
        var result = grammar.Parse(args);
        if (grammar.Refusal(result) is { } refusal)
        {
            WriteError(io, refusal);
            return ExitCodes.Usage;
        }
        var output = io.Console.Profile.Out.Writer;
        try
        {
            // --help, --version or the verb's action. Ctrl+C and SIGTERM are the host's (CliLifetime), not the library's.
            return await result.InvokeAsync(new InvocationConfiguration
            {
                Output = output, Error = io.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            }, cancel).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            // A rule between options (--ades without --feed aai), checked as the verb's settings are built.
            WriteError(io, e.Message);
            return ExitCodes.Usage;
        }
        finally
        {
            output.Flush();
        }
    }

    /// <summary>A verb's action: the host (settings checked before any work), then the verb's command.</summary>
    static async Task<int> RunVerbAsync(ParsedCommand parsed, CliIo io, Action<IServiceCollection>? configureServices,
        string settingsFile, CancellationToken cancel)
    {
        IHost host;
        try
        {
            host = BuildHost(parsed, io, configureServices, settingsFile);
        }
        catch (CliUsageException e)
        {
            WriteError(io, e.Message);
            return ExitCodes.Usage;
        }
        using (host)
        {
            try
            {
                await host.StartAsync(cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (Unwrap(e) is OptionsValidationException or InvalidOperationException)
            {
                WriteError(io, Unwrap(e) is OptionsValidationException ov ? string.Join("; ", ov.Failures) : $"invalid setting: {Unwrap(e).Message}");
                return ExitCodes.Usage;
            }

            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel, lifetime.ApplicationStopping);
            var settings = host.Services.GetRequiredService<IOptions<ReproOptions>>().Value;
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CliApp)).LogDebug(
                "{Verb}: profile {Profile}, device {Device}, threads {Threads}, seed {Seed}, out {Out}, data dir {DataDir}",
                parsed.Verb.Name, settings.Profile, settings.Device, settings.Threads, settings.Seed?.ToString() ?? "(profile's)",
                settings.Out ?? "(default)", settings.DataDir ?? "(none)");
            try
            {
                var command = host.Services.GetRequiredKeyedService<ICliCommand>(parsed.Verb.Name);
                return await command.RunAsync(parsed, cts.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return Fail(e, cts.Token, io, settings.Verbose, host.Services.GetRequiredService<ShutdownSignal>().ExitCode ?? ExitCodes.Interrupted);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The generic host over appsettings.json, then REPRO_* variables, then the command line's global options; throws
    /// <see cref="CliUsageException"/> when the configuration cannot be used (see <see cref="SettingsChecks"/>).
    /// </summary>
    static IHost BuildHost(ParsedCommand parsed, CliIo io, Action<IServiceCollection>? configureServices, string settingsFile)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = CliSyntax.ProgramName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        Exception? unreadable = null;
        builder.Configuration.AddJsonFile(source =>
        {
            source.Path = settingsFile;
            source.Optional = true;
            source.ReloadOnChange = false;
            source.ResolveFileProvider();
            source.OnLoadException = context =>
            {
                unreadable = context.Exception;
                context.Ignore = true;
            };
        });
        if (unreadable is not null) throw new CliUsageException(SettingsChecks.Unreadable(settingsFile, unreadable));
        builder.Configuration
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(parsed.Configuration);
        if (SettingsChecks.Check(builder.Configuration, settingsFile) is { Count: > 0 } problems)
            throw new CliUsageException(string.Join("; ", problems));

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new TextWriterLoggerProvider(io.Error));
        bool verbose = bool.TryParse(builder.Configuration["Verbose"], out var v) && v;
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        if (verbose) builder.Logging.AddFilter(category: null, LogLevel.Debug); // above appsettings.json's Logging section
        // The host logs a failed start (e.g. refused options) with a stack trace; the one-line error says it already.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", verbose ? LogLevel.Debug : LogLevel.None);

        var services = builder.Services;
        services.AddOptions<ReproOptions>()
            .Bind(builder.Configuration)
            .PostConfigure(o => ReproOptions.ApplyAliases(o, builder.Configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReproOptions>, ReproOptionsValidator>();
        services.AddSingleton<ShutdownSignal>();
        services.AddSingleton<IHostLifetime, CliLifetime>();

        services.AddSingleton(io);
        services.AddSingleton(io.Console);
        services.AddSingleton(parsed);
        services.AddSingleton<Workspace>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ReproOptions>>().Value;
            var console = sp.GetRequiredService<IAnsiConsole>();
            bool bars = !o.Quiet && !io.OutputRedirected && console.Profile.Capabilities.Interactive;
            // Redirected output (a CI log) gets one line per finished claim or cell instead of bars, on stderr beside the warnings.
            return new ProgressUi(console, enabled: bars, log: !o.Quiet && !bars ? io.Error : null);
        });
        services.AddTransient<ClaimsSession>();
        services.AddKeyedTransient<ICliCommand, DataFetchCommand>("data fetch");
        services.AddKeyedTransient<ICliCommand, TrainCommand>("train");
        services.AddKeyedTransient<ICliCommand, AttackCommand>("attack");
        services.AddKeyedTransient<ICliCommand, PncCommand>("pnc");
        services.AddKeyedTransient<ICliCommand, ClaimsCommand>("claims");
        services.AddKeyedTransient<ICliCommand, ReproduceCommand>("reproduce");
        services.AddKeyedTransient<ICliCommand, ReportCommand>("report");
        services.AddTransient<SensitivityCommand>();
        services.AddKeyedTransient<ICliCommand, SensitivityCommand>("sensitivity");
        services.AddKeyedTransient<ICliCommand, BenchCommand>("bench");
        services.AddKeyedTransient<ICliCommand, BudgetCommand>("budget");
        services.AddTransient<ShardSession>();
        services.AddKeyedTransient<ICliCommand, PlanCommand>("plan");
        services.AddKeyedTransient<ICliCommand, MergeCommand>("merge");
        configureServices?.Invoke(services);
        return builder.Build();
    }

    /// <summary>Prints what went wrong as one line (plus the stack trace with --verbose) and returns the exit code.</summary>
    static int Fail(Exception exception, CancellationToken cancel, CliIo io, bool verbose, int interruptedCode)
    {
        var e = Unwrap(exception);
        if (IsCancellation(e, cancel))
        {
            io.Error.WriteLine(interruptedCode == ExitCodes.Terminated ? "terminated (SIGTERM); rerun to resume" : "interrupted; rerun to resume");
            io.Error.Flush();
            return interruptedCode;
        }
        int code = e switch
        {
            CliException ce => ce.ExitCode,
            CliUsageException => ExitCodes.Usage,
            _ => ExitCodes.Failed,
        };
        WriteError(io, Describe(e) + (verbose || IsExpected(e) ? "" : " (rerun with --verbose for the stack trace)"));
        if (verbose && e is not (CliException or CliUsageException)) io.Error.WriteLine(exception.ToString());
        io.Error.Flush();
        return code;
    }

    /// <summary>Failures whose message says it all: bad input, data, files, or state.</summary>
    static bool IsExpected(Exception e) => e is CliException or CliUsageException or DatasetFetchException or ChecksumMismatchException
        or InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException;

    /// <summary>The message of an expected failure; the type as well for anything else.</summary>
    public static string Describe(Exception e) => OneLine(IsExpected(e) ? e.Message : e switch
    {
        NotImplementedException => $"not implemented yet: {e.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    });

    public static bool IsCancellation(Exception e, CancellationToken cancel) =>
        cancel.IsCancellationRequested && Unwrap(e) is OperationCanceledException;

    /// <summary>Strips the wrappers of parallel and reflective calls: aggregate (one inner, or all cancellations), invocation, type initialiser.</summary>
    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case AggregateException ae:
                    var inner = ae.Flatten().InnerExceptions;
                    if (inner.Count == 0) return e;
                    if (inner.Count == 1 || inner.All(x => x is OperationCanceledException)) { e = inner[0]; continue; }
                    return inner.FirstOrDefault(x => x is not OperationCanceledException) ?? e;
                case TargetInvocationException { InnerException: { } ti }:
                    e = ti;
                    continue;
                case TypeInitializationException { InnerException: { } tie }:
                    e = tie;
                    continue;
                default:
                    return e;
            }
        }
    }

    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    static void WriteError(CliIo io, string message)
    {
        var line = OneLine(message);
        io.Error.WriteLine(line.StartsWith("error: ", StringComparison.Ordinal) ? line : "error: " + line);
        io.Error.Flush();
    }
}
