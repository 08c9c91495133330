using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Repro.Cli;
using Repro.Cli.CommandLine;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;
using Repro.Experiments.Runtime;
using Repro.Unit.Tests.Data;

namespace Repro.Unit.Tests.Cli;

/// <summary>Every setting is checked before any work, with exit code 2 and one line naming the setting and what it allows.</summary>
public sealed class CliSettingsTests : IDisposable
{
    readonly TempFolder _folder = new("repro-cli-settings-");

    /// <summary>The --out folder, inside the temporary one but not created, so a test can see whether a command made it.</summary>
    readonly string _out;

    public CliSettingsTests() => _out = _folder["out"];

    public void Dispose() => _folder.Dispose();

    internal sealed record CliRun(int ExitCode, string Output, string Error, bool Ran)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    sealed class Spy : ICliCommand
    {
        public bool Ran { get; private set; }
        public Task<int> RunAsync(ParsedCommand command, CancellationToken cancel) { Ran = true; return Task.FromResult(0); }
    }

    internal static Task<CliRun> Run(params string[] args) => RunWithSettings(null, args);

    /// <summary>With <paramref name="settingsFile"/> in place of the appsettings.json beside the binary (null: that one).</summary>
    internal static async Task<CliRun> RunWithSettings(string? settingsFile, params string[] args)
    {
        var spy = new Spy();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(args, CliIo.Plain(output, error), services =>
        {
            foreach (var verb in CliSyntax.Verbs) services.AddKeyedSingleton<ICliCommand>(verb.Name, spy);
        }, settingsFile: settingsFile);
        return new CliRun(code, output.ToString(), error.ToString(), spy.Ran);
    }

    internal static void AssertRefused(CliRun run, string mentions)
    {
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(mentions, line);
        Assert.False(run.Ran, "the command ran although its settings were refused");
    }

    [Fact]
    public async Task Given_a_seed_beyond_the_range_of_seeds_When_run_Then_it_says_out_of_range_not_not_a_number()
    {
        AssertRefused(await Run("train", "--seed", "99999999999", "--out", _out), "--seed must be between 0 and 2147483647, got 99999999999");
    }

    [Fact]
    public async Task Given_the_claims_verb_When_asked_for_a_seed_Then_it_is_refused_because_the_claims_use_the_profiles_seeds()
    {
        AssertRefused(await Run("claims", "--seed", "3", "--out", _out), "unknown option '--seed'; see 'repro claims --help'");
        Assert.DoesNotContain("--seed", (await Run("claims", "--help")).Output);
        Assert.DoesNotContain("--seed", (await Run("--help")).Output);
        Assert.Contains("--seed", (await Run("train", "--help")).Output);
    }

    [Theory]
    [InlineData("""{ "Device": ["cpu"] }""", "Device in {file} must be one value (auto, cpu or cuda), not a list or an object")]
    [InlineData("""{ "Profile": "quick", "Jobs": { "max": 2 } }""", "Jobs in {file} must be one value (a whole number between 1 and 1024), not a list or an object")]
    [InlineData("""{ "Device": "cpu", """, "{file} is not valid JSON (line 1, byte ")]
    [InlineData("\u0000\u0001garbage", "{file} is not valid JSON (line 1, byte 1)")]
    [InlineData("""[ "cpu" ]""", "{file} cannot be read as settings (")]
    [InlineData("""{ "Logging": { "LogLevel": { "Default": "Nonsense" } } }""",
        "Logging:LogLevel:Default in {file} must be a log level (Trace, Debug, Information, Warning, Error, Critical or None), got 'Nonsense'")]
    [InlineData("""{ "Logging": { "Console": { "LogLevel": { "Repro": "Loud" } } } }""", "Logging:Console:LogLevel:Repro in {file} must be a log level")]
    public async Task Given_an_appsettings_json_that_cannot_be_used_When_run_Then_it_exits_2_with_one_line_naming_the_file_and_the_key(string json, string mentions)
    {
        using var folder = new TempFolder("repro-settings-");
        var file = Path.Combine(folder.Path, "appsettings.json");
        File.WriteAllText(file, json);

        var run = await RunWithSettings(file, "train", "--out", _out);

        AssertRefused(run, mentions.Replace("{file}", file, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(_out), "the refused command created its output folder");
    }

    [Fact]
    public async Task Given_an_appsettings_json_with_sound_settings_When_run_Then_the_verb_runs()
    {
        using var folder = new TempFolder("repro-settings-");
        var file = Path.Combine(folder.Path, "appsettings.json");
        File.WriteAllText(file, """{ "Profile": "quick", "Device": "cpu", "Jobs": 1, "Logging": { "LogLevel": { "Default": "warning" } } }""");

        var run = await RunWithSettings(file, "train", "--out", _out);

        Assert.Equal((ExitCodes.Ok, "", true), (run.ExitCode, run.Error, run.Ran));
    }

    [Fact]
    public async Task Given_an_artifacts_folder_that_cannot_be_created_When_run_Then_it_exits_2_before_work()
    {
        var run = await Run("claims", "--out", "/proc/repro-cannot-be-here");
        AssertRefused(run, "the artifacts folder '/proc/repro-cannot-be-here' cannot be created or written");
        Assert.Contains("(--out, REPRO_OUT", run.Error);
    }

    [Fact]
    public async Task Given_device_cuda_on_a_machine_without_CUDA_When_run_Then_it_exits_2_before_work()
    {
        if (TorchSharp.torch.cuda.is_available()) Assert.Skip("this machine has CUDA, so --device cuda is valid here.");
        AssertRefused(await Run("train", "--device", "cuda", "--out", _out), "device cuda: CUDA is not available here");
    }

    [Fact]
    public async Task Given_version_When_run_Then_it_prints_repro_TorchSharp_and_libtorch_versions_and_exits_0()
    {
        var run = await Run("--version");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("repro ", run.Output);
        Assert.Contains($"TorchSharp {TorchRuntime.TorchSharpVersion}", run.Output);
        Assert.Contains("libtorch 2.10.0", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Given_help_on_the_data_group_When_run_Then_it_shows_the_groups_help_with_its_fetch_verb_not_the_root_help()
    {
        var run = await Run("data", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("repro data [command]", run.Output);
        Assert.Contains("  fetch ", run.Output);
        Assert.DoesNotContain("  train ", run.Output);
    }

    [Fact]
    public async Task Given_standard_output_closed_When_repro_starts_Then_it_exits_2_with_one_line_before_doing_any_work()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("'>&-' is a POSIX shell's.");
        var dll = Path.Combine(AppContext.BaseDirectory, "repro.dll");
        // The report would otherwise be written, and the run fail at its end on the first line it prints.
        var psi = new ProcessStartInfo("bash", ["-c", "exec 1>&-; exec dotnet \"$0\" report --out \"$1\"", dll, _out])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("error: standard output is closed: redirect it to a file or to /dev/null instead (e.g. > /dev/null) and rerun; nothing was run",
            error.TrimEnd('\n'));
        Assert.False(Directory.Exists(Path.Combine(_out, "report")), "nothing is written");
    }

    [Fact]
    public async Task Given_SIGTERM_during_a_run_When_the_command_stops_Then_it_says_terminated_rerun_to_resume_and_exits_143()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("SIGTERM is a POSIX signal.");
        var dll = Path.Combine(AppContext.BaseDirectory, "repro.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, "bench", "--cell-seconds", "60", "--verbose", "--out", _out])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var started = new TaskCompletionSource();
        var lines = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines) lines.Add(e.Data);
            // The host logs the verb's settings once its signal handlers are in place.
            if (e.Data.Contains("bench: profile", StringComparison.Ordinal)) started.TrySetResult();
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.Equal(ExitCodes.Terminated, process.ExitCode);
        lock (lines) Assert.Contains("terminated (SIGTERM); rerun to resume", lines);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}

/// <summary>Settings from REPRO_* variables are refused with the variable's name, not a conversion message.</summary>
[Collection(EnvironmentVariableCollection.Name)]
public sealed class CliEnvironmentSettingsTests
{
    [Theory]
    [InlineData("REPRO_THREADS", "many", "threads must be a whole number between 1 and 1024, got 'many' (--threads, REPRO_THREADS")]
    [InlineData("REPRO_JOBS", "0", "jobs must be between 1 and 1024, got 0 (--jobs, REPRO_JOBS")]
    [InlineData("REPRO_JOBS", "all", "jobs must be a whole number between 1 and 1024, got 'all' (--jobs, REPRO_JOBS")]
    [InlineData("REPRO_SEED", "1e3", "seed must be a whole number between 0 and 2147483647, got '1e3' (--seed, REPRO_SEED")]
    [InlineData("REPRO_SEED", "-4", "the seed must be between 0 and 2147483647, got -4 (--seed, REPRO_SEED")]
    [InlineData("REPRO_QUIET", "maybe", "quiet must be true or false, got 'maybe' (--quiet, REPRO_QUIET")]
    [InlineData("REPRO_PROFILE", "fast", "unknown profile 'fast'")]
    [InlineData("REPRO_SHARD", "2of3", "--shard must be I/N (shard I of N, both whole numbers, e.g. 2/3) or none, got '2of3' (--shard, REPRO_SHARD")]
    [InlineData("REPRO_SHARD", "4/3", "--shard: the shard must be 1 to 3, got 4 in '4/3' (--shard, REPRO_SHARD")]
    [InlineData("REPRO_STUDY", "half", "unknown study 'half': use budget or full (--study, REPRO_STUDY")]
    [InlineData("REPRO_DEVICE__0", "cpu", "Device in REPRO_DEVICE must be one value (auto, cpu or cuda), not a list or an object")]
    [InlineData("REPRO_LOGGING__LOGLEVEL__DEFAULT", "Nonsense", "in REPRO_LOGGING__LOGLEVEL__DEFAULT must be a log level")]
    public async Task Given_a_bad_REPRO_variable_When_run_Then_it_exits_2_naming_the_setting_and_its_allowed_values(string name, string value, string mentions)
    {
        using var folder = new TempFolder("repro-cli-environment-");
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            CliSettingsTests.AssertRefused(await CliSettingsTests.Run("train", "--out", folder.Path), mentions);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Given_jobs_in_appsettings_json_a_REPRO_variable_and_the_command_line_When_run_Then_the_later_source_wins()
    {
        using var folder = new TempFolder("repro-settings-");
        var file = Path.Combine(folder.Path, "appsettings.json");
        File.WriteAllText(file, """{ "Jobs": 0 }""");
        var outDir = folder.Path;

        CliSettingsTests.AssertRefused(await CliSettingsTests.RunWithSettings(file, "train", "--out", outDir),
            "jobs must be between 1 and 1024, got 0 (--jobs, REPRO_JOBS or appsettings.json)");
        Environment.SetEnvironmentVariable("REPRO_JOBS", "2");
        try
        {
            Assert.Equal(ExitCodes.Ok, (await CliSettingsTests.RunWithSettings(file, "train", "--out", outDir)).ExitCode); // the variable over the file
            Environment.SetEnvironmentVariable("REPRO_JOBS", "0");
            CliSettingsTests.AssertRefused(await CliSettingsTests.RunWithSettings(file, "train", "--out", outDir), "got 0 (--jobs, REPRO_JOBS");
            Assert.Equal(ExitCodes.Ok, (await CliSettingsTests.RunWithSettings(file, "train", "--jobs", "1", "--out", outDir)).ExitCode); // the command line over both
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPRO_JOBS", null);
        }
    }
}
