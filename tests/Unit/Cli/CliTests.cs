using Microsoft.Extensions.DependencyInjection;
using Repro.Cli;
using Repro.Cli.CommandLine;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;

namespace Repro.Unit.Tests.Cli;

/// <summary>
/// The <c>repro</c> command line end to end through the host, with every verb's command replaced by a spy (so nothing
/// trains, fetches or attacks) and output captured in StringWriters. No timing assertions.
/// </summary>
public sealed class CliTests : IDisposable
{
    readonly string _out = Path.Combine(Path.GetTempPath(), "repro-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    sealed record CliRun(int ExitCode, string Output, string Error, SpyCommand Spy)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Records whether it ran and what it got; optionally does something (throw, cancel) instead of work.</summary>
    sealed class SpyCommand(Func<ParsedCommand, CancellationToken, int>? behaviour = null) : ICliCommand
    {
        public ParsedCommand? Received { get; private set; }
        public bool Ran => Received is not null;

        public Task<int> RunAsync(ParsedCommand command, CancellationToken cancel)
        {
            Received = command;
            return Task.FromResult(behaviour?.Invoke(command, cancel) ?? 0);
        }
    }

    static async Task<CliRun> Run(string[] args, SpyCommand? spy = null, CancellationToken cancel = default, bool replaceCommands = true)
    {
        spy ??= new SpyCommand();
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(args, CliIo.Plain(output, error), services =>
        {
            if (!replaceCommands) return;
            foreach (var verb in CliSyntax.Verbs) services.AddKeyedSingleton<ICliCommand>(verb.Name, spy);
        }, cancel);
        return new CliRun(code, output.ToString(), error.ToString(), spy);
    }

    void AssertRefused(CliRun run, string mentions)
    {
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(mentions, line);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(run.Spy.Ran, "the command ran although the command line was refused");
        Assert.False(Directory.Exists(_out), "the refused command created its output folder");
    }

    [Fact]
    public async Task Given_an_unknown_verb_When_run_Then_it_exits_2_with_one_error_line_naming_the_verb()
    {
        AssertRefused(await Run(["frobnicate", "--out", _out]), "Unrecognized command or argument 'frobnicate'");
    }

    [Fact]
    public async Task Given_an_unknown_option_When_run_Then_it_exits_2_with_one_error_line_naming_the_option()
    {
        AssertRefused(await Run(["train", "--frobnicate", "--out", _out]), "Unrecognized command or argument '--frobnicate'; see 'repro train --help'");
    }

    [Fact]
    public async Task Given_profile_fast_When_run_Then_it_exits_2_saying_which_profiles_exist_without_doing_work()
    {
        var run = await Run(["data", "fetch", "--profile", "fast", "--out", _out]);
        AssertRefused(run, "unknown profile 'fast'");
        Assert.Contains("quick or paper", run.Error);
    }

    [Fact]
    public async Task Given_device_tpu_When_run_Then_it_exits_2_saying_which_devices_exist_without_doing_work()
    {
        var run = await Run(["train", "--device", "tpu", "--out", _out]);
        AssertRefused(run, "unknown device 'tpu'");
        Assert.Contains("auto, cpu or cuda", run.Error);
    }

    [Fact]
    public async Task Given_threads_0_When_run_Then_it_exits_2_saying_threads_must_be_at_least_1_without_doing_work()
    {
        AssertRefused(await Run(["bench", "--threads", "0", "--out", _out]), "threads must be between 1 and 1024, got 0");
    }

    [Theory]
    [InlineData(new[] { "train", "--arch", "rnn" }, "--arch must be fc, cnn or cnn-bn, got 'rnn'")]
    [InlineData(new[] { "train", "--target", "1.5" }, "--target must be between 0 and 1")]
    [InlineData(new[] { "train", "--target" }, "--target must be a number, got '--out'")]
    [InlineData(new[] { "attack", "--ades", "30" }, "--ades applies to --feed aai only")]
    [InlineData(new[] { "attack", "--class", "10" }, "--class must be between 0 and 9")]
    [InlineData(new[] { "claims", "--only", "C42" }, "Unknown claim 'C42'")]
    [InlineData(new[] { "claims", "--only", "," }, "',' names no claim")]
    [InlineData(new[] { "claims", "--only", " " }, "' ' names no claim")]
    [InlineData(new[] { "budget", "--max-epochs", "0" }, "--max-epochs must be between 1 and 200")]
    [InlineData(new[] { "data", "fetch", "cifar" }, "dataset must be mnist, fashion-mnist or all, got 'cifar'")]
    [InlineData(new[] { "data" }, "'data' needs a sub-verb: fetch")]
    [InlineData(new[] { "train", "--seed", "x" }, "--seed must be a whole number")]
    [InlineData(new[] { "train", "--seed", "1", "--seed", "2" }, "Option '--seed' expects a single argument but 2 were provided")]
    [InlineData(new string[0], "no verb given")]
    public async Task Given_a_bad_value_or_shape_When_run_Then_it_exits_2_with_one_line_saying_what_to_do(string[] args, string mentions)
    {
        AssertRefused(await Run([.. args, "--out", _out]), mentions);
    }

    [Fact]
    public async Task Given_a_blank_or_overlong_out_folder_When_run_Then_it_exits_2_with_one_line_and_writes_nothing()
    {
        AssertRefused(await Run(["report", "--out", " "]), "--out ' ' is blank");
        AssertRefused(await Run(["report", "--out", "/tmp/" + new string('x', 4000)]), "--out is too long for a path");
    }

    [Fact]
    public async Task Given_jobs_0_When_run_Then_it_exits_2_with_one_line_naming_the_jobs_option()
    {
        AssertRefused(await Run(["claims", "--jobs", "0", "--out", _out]), "--jobs must be between 1 and 1024, got 0");
    }

    [Fact]
    public async Task Given_help_When_run_Then_jobs_and_threads_are_listed_with_their_defaults_from_the_cores()
    {
        var run = await Run(["reproduce", "--help"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--jobs <N>", run.Output);
        Assert.Contains("one per core", run.Output);
        Assert.Contains("--threads <N>", run.Output);
    }

    [Fact]
    public async Task Given_negative_threads_When_run_Then_the_options_validator_refuses_them_with_exit_code_2()
    {
        var run = await Run(["report", "--threads", "-3", "--out", _out]);
        AssertRefused(run, "threads must be between 1 and 1024, got -3");
    }

    public static TheoryData<string> VerbNames() => [.. CliSyntax.Verbs.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VerbNames))]
    public async Task Given_help_for_a_verb_When_run_Then_it_exits_0_and_lists_the_verbs_options(string verb)
    {
        var run = await Run([.. verb.Split(' '), "--help"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.False(run.Spy.Ran);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains($"repro {verb} ", run.Output);
        foreach (var option in CliSyntax.Verb(verb).Options)
            Assert.Contains(option.Name, run.Output);
        foreach (var option in CliSyntax.GlobalOptions.Where(o => o.Name != "--version"))
            Assert.Contains(option.Name, run.Output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Given_help_without_a_verb_When_run_Then_it_exits_0_and_lists_every_verb(string flag)
    {
        var run = await Run([flag]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var verb in CliSyntax.Verbs)
            Assert.Contains($"  {verb.Name.Split(' ')[0]} ", run.Output);
        Assert.Contains("Exit codes", run.Output);
    }

    [Fact]
    public async Task Given_a_valid_command_line_When_run_Then_the_verbs_command_gets_the_checked_options()
    {
        var run = await Run(["attack", "--dataset", "Fashion-MNIST", "--arch", "cnn-bn", "--feed", "aai", "--ades=12", "--class", "3", "--out", _out, "--quiet"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        var parsed = run.Spy.Received!;
        Assert.Equal("attack", parsed.Verb!.Name);
        Assert.Equal("fashion-mnist", parsed.Get("--dataset"));
        Assert.Equal("cnn-bn", parsed.Get("--arch"));
        Assert.Equal(12, parsed.GetInt("--ades"));
        Assert.Equal(3, parsed.GetInt("--class"));
        Assert.Equal(_out, parsed.Configuration["Out"]);
    }

    [Fact]
    public async Task Given_a_command_that_throws_an_unexpected_exception_When_run_Then_it_prints_one_line_without_a_stack_trace_and_exits_1()
    {
        var spy = new SpyCommand((_, _) => throw new NotImplementedException("C1 is being written."));
        var run = await Run(["claims", "--only", "C1", "--out", _out], spy);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: not implemented yet: C1 is being written.", line);
        Assert.Contains("--verbose", line);
    }

    [Fact]
    public async Task Given_verbose_and_a_failing_command_When_run_Then_the_stack_trace_follows_the_error_line()
    {
        var spy = new SpyCommand((_, _) => throw new InvalidDataException("file x is damaged"));
        var run = await Run(["pnc", "--verbose", "--out", _out], spy);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("error: file x is damaged", run.Error);
        Assert.Contains("   at ", run.Error);
    }

    [Fact]
    public async Task Given_an_expected_failure_When_run_Then_the_line_is_its_message_with_newlines_joined()
    {
        var spy = new SpyCommand((_, _) => throw new IOException("cannot write\nthe disk is full"));
        var run = await Run(["pnc", "--out", _out], spy);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal("error: cannot write the disk is full", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Given_the_run_is_cancelled_When_the_command_stops_Then_it_says_interrupted_and_exits_130()
    {
        using var cts = new CancellationTokenSource();
        var spy = new SpyCommand((_, token) =>
        {
            cts.Cancel(); // as Ctrl+C does
            token.ThrowIfCancellationRequested();
            return 0;
        });
        var run = await Run(["train", "--out", _out], spy, cts.Token);

        Assert.Equal(ExitCodes.Interrupted, run.ExitCode);
        Assert.Equal("interrupted; rerun to resume", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Given_no_result_records_When_report_runs_Then_it_says_what_to_run_first_and_exits_1()
    {
        var run = await Run(["report", "--out", _out], replaceCommands: false);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("no result records in", line);
        Assert.Contains("repro reproduce", line);
        Assert.False(Directory.Exists(Path.Combine(_out, "report")));
    }
}
