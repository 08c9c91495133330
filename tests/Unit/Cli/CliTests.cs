using Microsoft.Extensions.DependencyInjection;
using Repro.Cli;
using Repro.Cli.CommandLine;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;
using Repro.Experiments.Data;
using Repro.Experiments.Claims;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;

namespace Repro.Unit.Tests.Cli;

/// <summary>
/// The <c>repro</c> command line end to end through the host, with every verb's command replaced by a spy (so nothing
/// trains, fetches or attacks) and output captured in StringWriters. No timing assertions.
/// </summary>
public sealed class CliTests : IDisposable
{
    readonly TempFolder _folder = new("repro-cli-");

    /// <summary>The --out folder, inside the temporary one but not created, so a test can see whether a command made it.</summary>
    readonly string _out;

    public CliTests() => _out = _folder["out"];

    public void Dispose() => _folder.Dispose();

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
        AssertRefused(await Run(["frobnicate", "--out", _out]), "unknown verb 'frobnicate': use one of data fetch, train, attack");
    }

    [Fact]
    public async Task Given_an_unknown_option_When_run_Then_it_exits_2_with_one_error_line_naming_the_option()
    {
        AssertRefused(await Run(["train", "--frobnicate", "--out", _out]), "unknown option '--frobnicate'; see 'repro train --help'");
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
    [InlineData(new[] { "train", "--seed", "1", "--seed", "2" }, "--seed takes one value, got 2 ('1', '2'): give it once")]
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

    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("")]
    public async Task Given_an_out_folder_of_only_whitespace_When_run_Then_it_exits_2_with_one_line_instead_of_writing_into_the_repositorys_artifacts(string blank)
    {
        AssertRefused(await Run(["report", "--out", blank]), $"--out '{blank}' is blank: give a folder, or leave the option out for artifacts/");
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(",")]
    [InlineData(" , ,")]
    public async Task Given_only_that_names_no_claim_When_run_Then_it_exits_2_with_one_line_naming_only_and_every_known_claim_id(string ids)
    {
        var run = await Run(["claims", "--only", ids, "--out", _out]);

        AssertRefused(run, $"--only: '{ids}' names no claim");
        Assert.Contains(string.Join(", ", ClaimCatalog.All.Select(c => c.Id)), run.Error);
    }

    [Theory]
    [InlineData(21, 200)] // 21 names of 200 bytes: over PATH_MAX (4,096) though every name fits
    [InlineData(1, 256)] // one name of 256 bytes: over NAME_MAX (255)
    [InlineData(1, 4000)] // the tester's 4,000-character --out
    public async Task Given_an_out_folder_longer_than_the_system_allows_When_run_Then_it_exits_2_at_start_up_with_one_line(int names, int bytesPerName)
    {
        var folder = Path.Combine(_out, string.Join('/', Enumerable.Repeat(new string('x', bytesPerName), names)));

        AssertRefused(await Run(["claims", "--out", folder]), "--out is too long for a path (");
    }

    [Fact]
    public void Given_paths_at_the_systems_limits_When_checked_Then_4095_bytes_and_names_of_255_fit_and_one_more_does_not()
    {
        // An absolute path of exactly n bytes whose names have 254 bytes each.
        static string PathOf(int bytes)
        {
            var path = new System.Text.StringBuilder("/");
            while (path.Length < bytes) path.Append(path.Length % 255 == 0 ? '/' : 'a');
            return path.ToString();
        }

        Assert.Equal(4095, PathOf(4095).Length);
        Assert.Null(PathLimits.Problem(PathOf(4095)));
        Assert.NotNull(PathLimits.Problem(PathOf(4096)));
        Assert.Null(PathLimits.Problem("/tmp/" + new string('n', 255)));
        Assert.NotNull(PathLimits.Problem("/tmp/" + new string('n', 256)));
        Assert.NotNull(PathLimits.Problem("/tmp/" + new string('é', 128))); // 256 bytes in UTF-8
    }

    [Fact]
    public async Task Given_an_int_a_double_and_a_choice_When_attack_runs_Then_its_command_gets_them_typed_in_its_settings_record()
    {
        var run = await Run(["attack", "--iterations", "250", "--target", "0.95", "--gradient", "Estimated", "--queries", "8", "--out", _out]);

        Assert.Equal((ExitCodes.Ok, ""), (run.ExitCode, run.Error));
        var attack = Assert.IsType<AttackSettings>(run.Spy.Received!.Settings);
        Assert.Equal(250, attack.Iterations);
        Assert.Equal(0.95, attack.Network.Target);
        Assert.Equal(AttackGradient.Estimated, attack.Gradient);
        Assert.Equal(8, attack.Queries);
        Assert.Equal((Feed.Zero, (int?)null, (int?)null), (attack.Feed, attack.Ades, attack.Class)); // the defaults
        Assert.Equal(new NetworkSettings(DatasetId.Mnist, Architecture.Fc, OptimizerKind.Sgd, 0.95), attack.Network);
    }

    [Fact]
    public async Task Given_each_verb_When_run_Then_its_command_gets_its_own_settings_record_with_the_values_given_and_the_defaults()
    {
        (string[] Args, VerbSettings Expected)[] cases =
        [
            (["data", "fetch"], new DataFetchSettings(null)),
            (["data", "fetch", "Fashion-MNIST"], new DataFetchSettings(DatasetId.FashionMnist)),
            (["train"], new TrainSettings(new NetworkSettings(DatasetId.Mnist, Architecture.Fc, OptimizerKind.Sgd, 0.92))),
            (["train", "--arch", "cnn", "--optimizer", "adam", "--seed", "7"], new TrainSettings(new NetworkSettings(DatasetId.Mnist, Architecture.Cnn, OptimizerKind.Adam, 0.92))),
            (["attack", "--feed", "aai"], new AttackSettings(new NetworkSettings(DatasetId.Mnist, Architecture.Fc, OptimizerKind.Sgd, 0.92), Feed.AdversarialAverage,
                null, null, null, AttackGradient.Autograd, 20)),
            (["pnc", "--dataset", "fashion-mnist"], new PncSettings(DatasetId.FashionMnist)),
            (["reproduce"], new ReproduceSettings()),
            (["sensitivity"], new SensitivitySettings(false)),
            (["sensitivity", "--fresh"], new SensitivitySettings(true)),
            (["budget"], new BudgetSettings(20)),
            (["budget", "--max-epochs", "30"], new BudgetSettings(30)),
            (["report"], new ReportSettings()),
            (["bench"], new BenchSettings(false, 1.5)),
            (["bench", "--stages-only", "--cell-seconds", "0.5"], new BenchSettings(true, 0.5)),
        ];
        foreach (var (args, expected) in cases)
        {
            var run = await Run([.. args, "--out", _out]);
            Assert.True(run.ExitCode == ExitCodes.Ok, $"{string.Join(' ', args)}: {run.Error}");
            Assert.Equal(expected, run.Spy.Received!.Settings);
        }

        var claims = await Run(["claims", "--only", "c1,C4", "--out", _out]);
        Assert.Equal(["C1", "C4a", "C4b"], Assert.IsType<ClaimsSettings>(claims.Spy.Received!.Settings).Claims.Select(c => c.Id));
        var all = await Run(["claims", "--out", _out]);
        Assert.Equal(ClaimCatalog.All, Assert.IsType<ClaimsSettings>(all.Spy.Received!.Settings).Claims);
        var seeded = await Run(["bench", "--seed", "7", "--jobs", "2", "--quiet", "--out", _out]);
        Assert.Equal(("7", "2", "true"), (seeded.Spy.Received!.Configuration["Seed"], seeded.Spy.Received.Configuration["Jobs"], seeded.Spy.Received.Configuration["Quiet"]));
    }

    [Theory]
    [InlineData(new[] { "attack", "--iterations", "0" }, "--iterations must be between 1 and 10000000, got 0; see 'repro attack --help'")]
    [InlineData(new[] { "attack", "--queries", "100002", "--gradient", "estimated" }, "--queries must be between 2 and 100000, got 100002; see 'repro attack --help'")]
    [InlineData(new[] { "train", "--target", "-0.5" }, "--target must be between 0 and 1, got -0.5; see 'repro train --help'")]
    [InlineData(new[] { "bench", "--cell-seconds", "61" }, "--cell-seconds must be between 0.05 and 60, got 61; see 'repro bench --help'")]
    [InlineData(new[] { "report", "--threads", "1025" }, "--threads must be between 1 and 1024, got 1025; see 'repro report --help'")]
    public async Task Given_a_value_out_of_its_range_When_run_Then_it_exits_2_with_one_line_naming_the_option_and_its_range(string[] args, string line)
    {
        var run = await Run([.. args, "--out", _out]);

        AssertRefused(run, line);
        Assert.Equal("error: " + line, Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData(new[] { "attack", "--iterations", "many" }, "--iterations must be a whole number, got 'many'")]
    [InlineData(new[] { "attack", "--class", "3.5" }, "--class must be a whole number, got '3.5'")]
    [InlineData(new[] { "train", "--target", "high" }, "--target must be a number, got 'high'")]
    [InlineData(new[] { "bench", "--cell-seconds", "NaN" }, "--cell-seconds must be a number, got 'NaN'")]
    [InlineData(new[] { "report", "--jobs", "all" }, "--jobs must be a whole number, got 'all'")]
    public async Task Given_a_value_that_is_not_a_number_When_run_Then_it_exits_2_with_one_line_naming_the_option(string[] args, string mentions)
    {
        AssertRefused(await Run([.. args, "--out", _out]), mentions);
    }

    [Theory]
    [InlineData(new[] { "--quiet" }, "no verb given; use one of: data fetch, train, attack, pnc, claims, reproduce, plan, merge, sensitivity, budget, report, bench")]
    [InlineData(new[] { "data" }, "'data' needs a sub-verb: fetch")]
    public async Task Given_no_verb_When_run_Then_it_exits_2_with_one_line_listing_the_verbs(string[] args, string mentions)
    {
        AssertRefused(await Run([.. args, "--out", _out]), mentions);
    }

    [Theory]
    [InlineData(new[] { "train", "--feed", "zero" }, "unknown option '--feed'; see 'repro train --help'")]
    [InlineData(new[] { "pnc", "extra" }, "unexpected argument 'extra'; see 'repro pnc --help'")]
    [InlineData(new[] { "data", "cifar" }, "unknown verb 'cifar': use one of data fetch")]
    public async Task Given_a_token_no_verb_takes_When_run_Then_it_exits_2_with_one_line_naming_it(string[] args, string mentions)
    {
        AssertRefused(await Run([.. args, "--out", _out]), mentions);
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
        Assert.Equal("attack", parsed.Verb.Name);
        var attack = Assert.IsType<AttackSettings>(parsed.Settings);
        Assert.Equal(DatasetId.FashionMnist, attack.Network.Dataset);
        Assert.Equal(Architecture.CnnBatchNorm, attack.Network.Architecture);
        Assert.Equal(12, attack.Ades);
        Assert.Equal(3, attack.Class);
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
