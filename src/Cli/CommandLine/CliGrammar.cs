using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;

namespace Repro.Cli.CommandLine;

/// <summary>
/// <c>repro</c>'s command line as System.CommandLine symbols, built for each run: typed options whose own parsers and
/// validators give every refused value its one-line message, and one command per verb whose action builds the verb's
/// typed settings and hands them to the run. <see cref="Refusal"/> tells what else is wrong from the parse result's
/// shape (which symbol, which token), never from the library's wording.
/// </summary>
public sealed class CliGrammar
{
    readonly Func<ParsedCommand, CancellationToken, Task<int>> _run;
    readonly List<VerbSpec> _verbs = [];
    /// <summary>The options that are settings too (the global ones and --seed): configuration key and value as text.</summary>
    readonly List<(Option Option, string Key, Func<ParseResult, string?> Text)> _settings = [];

    public Command Root { get; } = new(CliSyntax.ProgramName, CliSyntax.RootDescription);
    public IReadOnlyList<Option> GlobalOptions { get; }
    public IReadOnlyList<VerbSpec> Verbs => _verbs;

    /// <param name="run">What a verb's action does with the accepted command line (CliApp: the host and the verb's command).</param>
    public CliGrammar(Func<ParsedCommand, CancellationToken, Task<int>> run)
    {
        _run = run;
        GlobalOptions =
        [
            Setting(Text("--profile", "quick|paper",
                "Experiment profile: quick (2-core CPU) or paper (the paper's parameters, meant for a GPU). Default: quick."), "Profile"),
            Setting(Text("--study", "budget|full",
                "How much of the sensitivity study runs: the profile's budget (quick: the cells of C1, C4a and C6) or every cell " +
                "(over an hour more on 2 cores). Default: budget."), "Study"),
            Setting(Text("--device", "auto|cpu|cuda", "Where libtorch runs: auto (CUDA when available), cpu or cuda. Default: auto."), "Device"),
            Setting(Folder("--out", "Artifacts folder: data/, models/, attacks/, results/<profile>/, report/, bench/. Default: artifacts/ (or REPRO_ARTIFACTS).",
                " for artifacts/"), "Out"),
            Setting(Folder("--data-dir", "Your own copy of the MNIST / Fashion-MNIST files (raw or .gz). Default: REPRO_DATA_DIR.",
                " for REPRO_DATA_DIR"), "DataDir"),
            Setting(Whole("--jobs", "Independent jobs (seeds, configurations) run side by side. Default: one per core, " +
                $"at most {ParallelismPlan.MaxDefaultJobs} (here {ParallelismPlan.Default.Jobs}).", Ranges.Workers), "Jobs"),
            Setting(Whole("--threads", "libtorch intra-op threads per job. Default: the cores left per job, " +
                $"at least 1 (here {ParallelismPlan.Default.Threads}).", Ranges.Workers), "Threads"),
            Setting(Flag("--quiet", "No progress bars."), "Quiet"),
            Setting(Flag("--verbose", "Debug logging; stack traces on errors."), "Verbose"),
            new HelpOption(),
            new Option<bool>("--version") { Description = "Show the version of repro, TorchSharp and libtorch.", Action = new VersionAction() },
        ];
        foreach (var option in GlobalOptions)
        {
            option.Recursive = true;
            Root.Options.Add(option);
        }
        AddVerbs();
    }

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    void AddVerbs()
    {
        var data = new Command("data");
        Root.Subcommands.Add(data);
        var which = new Argument<string>("dataset")
        {
            Description = $"Which data set: {CliSyntax.FetchTargets}.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "all",
            CustomParser = result => Choose(result, "dataset", CliSyntax.FetchTargets),
        };
        Verb(data, "fetch", "Fetch and verify MNIST and Fashion-MNIST into <out>/data.",
            "Fetches the data sets into the store and checks every file's SHA-256; a second call does no work.",
            ["repro data fetch all", "repro data fetch mnist --data-dir ~/mnist"], [which],
            r => new DataFetchSettings(CliSyntax.FetchTargets[r.GetValue(which)!]));
        data.Description = $"{string.Join(", ", data.Subcommands.Select(c => c.Name))} (see '{CliSyntax.ProgramName} data <verb> --help').";

        // Only the verbs that train or draw noise take a seed; the claims use the profile's seeds.
        var seed = Setting(Whole("--seed", "Seed of the network and the noise; default: the profile's first seed.", Ranges.Seed), "Seed");
        var dataset = Choice("--dataset", "The data set.", CliSyntax.Datasets, "mnist");
        var arch = Choice("--arch", "The network: fc (784-200-30-10), cnn, or cnn-bn (with batch normalisation); CNN widths follow the profile.",
            CliSyntax.Architectures, "fc");
        var optimizer = Choice("--optimizer", "The training optimizer.", CliSyntax.Optimizers, "sgd");
        var target = Number("--target", "ACC", "Train up to this test accuracy (or the profile's epoch limit).", new(0, 1), 0.92);
        Option[] network = [seed, dataset, arch, optimizer, target];
        NetworkSettings Network(ParseResult r) => new(CliSyntax.Datasets[r.GetValue(dataset)!], CliSyntax.Architectures[r.GetValue(arch)!],
            CliSyntax.Optimizers[r.GetValue(optimizer)!], r.GetValue(target));

        Verb(Root, "train", "Train a network to a target accuracy, or load it from <out>/models.",
            "Trains (or loads from the weight cache) one network and prints its test accuracy and loss.",
            ["repro train --dataset mnist --arch fc --optimizer sgd --target 0.92"], network, r => new TrainSettings(Network(r)));

        var feed = Choice("--feed", "How the AP is made: zero feed, noise feed, or aai (average of --ades ADEs from noise).", CliSyntax.Feeds, "zero");
        var ades = Whole("--ades", "ADEs (adversarial examples) per AAI (--feed aai only). Default: the profile's (30).", new(1, 100_000));
        var iterations = Whole("--iterations", "Attack iterations. Default: the profile's (1000).", new(1, 10_000_000));
        var only = Whole("--class", "Attack this class only.", new(0, 9));
        var gradient = Choice("--gradient", "Where the attack's gradient comes from: autograd through the network (white box), or estimated " +
            "from its softmax outputs alone (black box, NES sampling).", CliSyntax.Gradients, "autograd");
        var queries = Whole("--queries", "--gradient estimated: queries per image and step for the estimate (even: antithetic pairs).",
            new(2, 100_000), NesInputGradient.DefaultSamplesPerStep, n => n % 2 == 0 ? null : $"--queries must be even (antithetic pairs), got {n}");
        Verb(Root, "attack", "Make APs (adversarial perturbations) for every class and compare them with the PNCs.",
            "Trains or loads the network, runs the attack for all classes (or one) with zero feed, noise feed or an AAI " +
            "(adversarial average image), prints each class's iterations, confidence and stop reason, and the r(AP, PNC) matrix summary.",
            [
                "repro attack --dataset mnist --arch fc --optimizer sgd --target 0.92 --feed aai --ades 30",
                "repro attack --dataset mnist --target 0.95 --gradient estimated --queries 20",
            ],
            [.. network, feed, ades, iterations, only, gradient, queries],
            r =>
            {
                var settings = new AttackSettings(Network(r), CliSyntax.Feeds[r.GetValue(feed)!], r.GetValue(ades), r.GetValue(iterations),
                    r.GetValue(only), CliSyntax.Gradients[r.GetValue(gradient)!], r.GetValue(queries) ?? NesInputGradient.DefaultSamplesPerStep);
                if (settings.Ades is not null && settings.Feed != Feed.AdversarialAverage)
                    throw new CliUsageException("--ades applies to --feed aai only");
                if (Given(r, queries) && settings.Gradient != AttackGradient.Estimated)
                    throw new CliUsageException("--queries needs --gradient estimated");
                return settings;
            });

        Verb(Root, "pnc", "Print each class's PNC (positive-negative contrast) range.",
            "Computes the PNCs of the training set and prints each class's minimum, maximum and mean.", [], [dataset],
            r => new PncSettings(CliSyntax.Datasets[r.GetValue(dataset)!]));

        var claims = new Option<IReadOnlyList<IClaim>?>("--only")
        {
            Description = "Comma-separated claim ids, e.g. C1,C4. Default: all.",
            HelpName = "IDS",
            CustomParser = result =>
            {
                try { return ClaimCatalog.Select(result.Tokens[0].Value); }
                catch (ArgumentException e) { return Refuse<IReadOnlyList<IClaim>?>(result, $"--only: {e.Message}"); }
            },
        };
        // Only the verbs that run claims compute a shard; the configuration (REPRO_SHARD) reaches them the same way.
        var shard = Setting(Text("--shard", "I/N|none", "Compute shard I of N of 'repro plan --shards N' into <out>/models and <out>/attacks, and write no " +
            "record or report (default: REPRO_SHARD, else a Slurm array's SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT, else the whole run; " +
            "'none': the whole run, also inside an array job). " +
            "'repro merge' then copies the shards' caches together for a plain 'reproduce'."), "Shard");
        Verb(Root, "claims", "Run the claims C1–C10 (or some) and write <out>/results/<profile>/<id>.json.",
            "Runs the selected claims of the paper and prints id, title, verdict and the key check of each.",
            ["repro claims --only C1,C4", "repro claims --only C1,C6 --shard 1/2"], [claims, shard], r => new ClaimsSettings(r.GetValue(claims) ?? ClaimCatalog.All));

        Verb(Root, "reproduce", "Run every claim and the sensitivity study (resuming finished ones), then write the report.",
            "Runs all claims and the sensitivity study, reusing cached models and finished results of this profile (so a rerun after " +
            "Ctrl+C resumes), then writes the report into <out>/report. With --shard I/N it computes only that shard's units.",
            ["repro reproduce", "repro reproduce --shard 2/3 --out shard-2"], [shard], _ => new ReproduceSettings());

        var shards = Whole("--shards", $"How many shards (1 to {Repro.Experiments.Shards.ShardIndex.MaxShards}).",
            new(1, Repro.Experiments.Shards.ShardIndex.MaxShards), 1);
        var format = Choice("--format", "text: a table for a person; json: the plan with the matrix a CI engine reads ({\"shard\": [\"1/N\", …]}).",
            CliSyntax.PlanFormats, "text");
        Verb(Root, "plan", "Split the run into shards: list its units and pack them, longest first, into --shards N.",
            "The units of 'reproduce' (or of 'claims --only …'): each Table 1 network with its attacks, each claim that reads no shared " +
            "experiment, each sensitivity cell. Expected costs come from the shipped reference run, so every machine computes the same " +
            "plan. The claims that read the shared experiments whole (C3, C4a, C4b, C5, C9) are left to the merge's 'reproduce'.",
            ["repro plan --shards 3", "repro plan --shards 3 --format json", "repro plan --only C1,C6 --shards 2"], [claims, shards, format],
            r => new PlanSettings(r.GetValue(claims), r.GetValue(shards) ?? 1, CliSyntax.PlanFormats[r.GetValue(format)!]));

        var sources = new Argument<string[]>("shard-folders")
        {
            Description = "The shards' artifacts folders (each with the shard.json its shard wrote).",
            Arity = ArgumentArity.OneOrMore,
        };
        Verb(Root, "merge", "Copy the shards' models/ and attacks/ into <out>, checked, for a plain 'reproduce'.",
            "Copies every cache file a shard's shard.json vouches for (this science code, its SHA-256, its own seal) into <out>; a unit " +
            "two shards computed must hold the same results, or both copies are refused and 'reproduce' computes it again. Each refusal " +
            "is one line naming the file.",
            ["repro merge shard-1 shard-2 shard-3 && repro reproduce"], [sources], r => new MergeSettings(r.GetValue(sources)!));

        var fresh = Flag("--fresh", "Discard finished cells and run every cell again.");
        Verb(Root, "sensitivity", "Rerun C1, C2, C4a, C4b and C6 under every alternative reading; writes <out>/results/<profile>/sensitivity.json.",
            "The sensitivity study: for each detail the paper leaves open (attack loss, noise σ, attack learning rate, iterations, " +
            "zero-feed jitter on CNNs, validation rule, C6 geometry), the claims it touches are rerun with that reading alone changed, " +
            "and the verdict matrix is printed with flips against the default row. Resumes cell by cell; --fresh starts again.",
            ["repro sensitivity", "repro sensitivity --profile quick --fresh"], [fresh], r => new SensitivitySettings(r.GetValue(fresh)));

        var maxEpochs = Number("--max-epochs", "N", "Epochs each capped network may train.", new(1, 200), 20);
        Verb(Root, "budget", "Measure the epochs the capped Table 1 networks need; writes <out>/results/<profile>/epochs-needed.json.",
            "What budget would test the networks the profile's epoch cap left 'not tested at this budget': trains (or loads) Table 1's " +
            "networks, then the first capped seed of each capped configuration again with --max-epochs epochs, and records whether and " +
            "when it reaches the table's accuracy on the stopping split. The report's Table 1 section shows the result.",
            ["repro budget", "repro budget --max-epochs 30"], [maxEpochs], r => new BudgetSettings(r.GetValue(maxEpochs)));

        Verb(Root, "report", "Write the report from the results in <out>/results.",
            "Reads <out>/results/*.json and writes report.pdf, figures/ and results.csv into <out>/report.", [], [], _ => new ReportSettings());

        var stagesOnly = Flag("--stages-only", "Skip the attack benchmark: the matmul rates and the stage table only.");
        var cellSeconds = Number("--cell-seconds", "S", "Wanted duration of each timed cell.", new(0.05, 60), 1.5);
        Verb(Root, "bench", "Benchmark the attack on the CPU; print the stage table of the last claims/reproduce run.",
            "Measures attack throughput over batch sizes, batched versus one-at-a-time AAI, zero feed of all classes, training " +
            "throughput, the matmul FLOP rate and the attack's share of it, and 1 versus 2 intra-op threads; writes " +
            "<out>/bench/attack-benchmark.{json,md}. Then measures the matmul rate on 1 thread and on all cores and prints the stage " +
            "table that 'claims' and 'reproduce' record in <out>/bench/stages.json (every training, evaluation, attack batch and " +
            "analysis step: wall and thread time, FLOPs, share of the matmul rate; the floor, core use and evaluation overhead).",
            [], [stagesOnly, seed, cellSeconds], r => new BenchSettings(r.GetValue(stagesOnly), r.GetValue(cellSeconds)));
    }

    /// <summary>A verb's command; its action builds the verb's settings from the parse and runs it.</summary>
    void Verb<TSettings>(Command parent, string name, string summary, string description, string[] examples, Symbol[] symbols,
        Func<ParseResult, TSettings> settings) where TSettings : VerbSettings
    {
        var command = new Command(name, summary + "\n\n" + description +
            (examples.Length > 0 ? "\n\nExamples:\n  " + string.Join("\n  ", examples) : ""));
        foreach (var symbol in symbols)
        {
            if (symbol is Option option) command.Options.Add(option);
            else command.Arguments.Add((Argument)symbol);
        }
        var verb = new VerbSpec(parent == Root ? name : $"{parent.Name} {name}", command);
        command.SetAction((result, cancel) => _run(new ParsedCommand(verb, settings(result), Configuration(result)), cancel));
        parent.Subcommands.Add(command);
        _verbs.Add(verb);
    }

    /// <summary>
    /// The one line that says why the command line is refused, or null when the parse found nothing wrong. Told from the
    /// result's shape: an option (or argument) whose value was refused — its own parser's or validator's message, or what
    /// is wrong with its shape —, a token that no symbol took (an unknown option, verb or argument), a group without its verb.
    /// </summary>
    public string? Refusal(ParseResult result)
    {
        if (result.Errors.Count == 0) return null;
        var command = result.CommandResult.Command;
        string help = $"see '{Usage(command)} --help'";
        if (result.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult) is { SymbolResult: { } refused } error)
            return $"{Shape(refused) ?? error.Message.TrimEnd('.')}; {help}";
        if (result.UnmatchedTokens is [var token, ..])
            return Unknown(token, command, help);
        if (command is { Action: null, Subcommands.Count: > 0 })
            return command == Root
                ? $"no verb given; use one of: {string.Join(", ", _verbs.Select(v => v.Name))} ({help})"
                : $"'{command.Name}' needs a sub-verb: {CliSyntax.Or([.. command.Subcommands.Select(c => c.Name)])} ({help})";
        // None of these (a response file that cannot be read, say): the library's own words, which nothing here reads.
        return $"{result.Errors[0].Message.TrimEnd('.')}; {help}";
    }

    /// <summary>
    /// What the library refuses about an option before its value is read: no value, several, or a word a flag cannot take.
    /// Null otherwise: the option's own parser or validator refused the value, and its message says why.
    /// </summary>
    static string? Shape(SymbolResult refused) => refused is not OptionResult { Option: var option } given ? null : given.Tokens.Count switch
    {
        0 => $"{option.Name} needs a value ({option.HelpName ?? "VALUE"})",
        > 1 => $"{option.Name} takes one value, got {given.Tokens.Count} ({string.Join(", ", given.Tokens.Select(t => $"'{t.Value}'"))}): give it once",
        _ when option.ValueType == typeof(bool) => $"{option.Name} is a flag (true or false), got '{given.Tokens[0].Value}'",
        _ => null,
    };

    string Unknown(string token, Command command, string help)
    {
        if (token.StartsWith('-')) return $"unknown option '{token}'; {help}";
        if (command.Subcommands.Count == 0) return $"unexpected argument '{token}'; {help}";
        var verbs = command == Root ? _verbs.Select(v => v.Name) : command.Subcommands.Select(c => $"{command.Name} {c.Name}");
        return $"unknown verb '{token}': use one of {string.Join(", ", verbs)} ({help})";
    }

    /// <summary>"repro data fetch".</summary>
    static string Usage(Command command)
    {
        var words = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault()) words.Insert(0, c.Name);
        return string.Join(' ', words);
    }

    IReadOnlyDictionary<string, string?> Configuration(ParseResult result) =>
        _settings.Where(s => Given(result, s.Option)).ToDictionary(s => s.Key, s => s.Text(result), StringComparer.OrdinalIgnoreCase);

    static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>Registers a global option (or --seed) as the configuration key it sets above appsettings.json and REPRO_* variables.</summary>
    Option<T> Setting<T>(Option<T> option, string key)
    {
        _settings.Add((option, key, r => r.GetValue(option) switch
        {
            null => null,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        }));
        return option;
    }

    static Option<string> Text(string name, string helpName, string description) => new(name) { Description = description, HelpName = helpName };

    static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A folder: never blank (the configuration would take that for "the default"), never longer than the system allows.</summary>
    static Option<string> Folder(string name, string description, string whenLeftOut)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "DIR" };
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(path))
                result.AddError($"{name} '{path}' is blank: give a folder, or leave the option out{whenLeftOut}");
            else if (PathLimits.Problem(path) is { } problem)
                result.AddError($"{name} {problem}");
        });
        return option;
    }

    /// <summary>A whole number in <paramref name="range"/>, read with the invariant culture; <paramref name="rule"/> may refuse more.</summary>
    static Option<int?> Whole(string name, string description, ValueRange<int> range, int? defaultValue = null, Func<int, string?>? rule = null)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result =>
            {
                var token = result.Tokens[0].Value;
                if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
                return Refuse<int?>(result, BigInteger.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                    ? $"{name} must be {range}, got {token}"
                    : $"{name} must be a whole number, got '{token}'");
            },
        };
        if (defaultValue is { } d) option.DefaultValueFactory = _ => d;
        option.Validators.Add(result =>
        {
            if (!result.Implicit && TryRead(result, out int? value) && value is { } n && (range.Refusal(name, n) ?? rule?.Invoke(n)) is { } problem)
                result.AddError(problem);
        });
        return option;
    }

    /// <summary>A finite number in <paramref name="range"/>, read with the invariant culture.</summary>
    static Option<double> Number(string name, string helpName, string description, ValueRange<double> range, double defaultValue)
    {
        var option = new Option<double>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
                double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                    ? x
                    : Refuse<double>(result, $"{name} must be a number, got '{result.Tokens[0].Value}'"),
        };
        option.Validators.Add(result =>
        {
            if (!result.Implicit && TryRead(result, out double value) && range.Refusal(name, value) is { } problem) result.AddError(problem);
        });
        return option;
    }

    /// <summary>One of <paramref name="choices"/>' names (in any case), as listed; the value is looked up in the settings.</summary>
    static Option<string> Choice<T>(string name, string description, Choices<T> choices, string defaultName)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', choices.Names),
            DefaultValueFactory = _ => defaultName,
            CustomParser = result => Choose(result, name, choices),
        };
        option.CompletionSources.Add([.. choices.Names]);
        return option;
    }

    static string? Choose<T>(ArgumentResult result, string name, Choices<T> choices)
    {
        var token = result.Tokens[0].Value;
        return choices.Canonical(token) ?? Refuse<string>(result, $"{name} must be {choices}, got '{token}'");
    }

    /// <summary>A custom parser's refusal: the message is the one the user sees.</summary>
    static T? Refuse<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    /// <summary>
    /// The value an option's validator checks. Validators run before the library reads the value, so this reads it; when
    /// the option's own parser refused the token (and said why), the library throws and there is nothing left to check.
    /// </summary>
    static bool TryRead<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    /// <summary>--version, anywhere on the line: the version line before anything else is checked (it clears the parse's errors, as --help does).</summary>
    sealed class VersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(CliSyntax.VersionLine());
            return 0;
        }
    }
}
