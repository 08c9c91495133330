using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using Repro.Experiments.Claims;

namespace Repro.Cli.CommandLine;

/// <summary>The verbs and options of <c>repro</c>, and the parser. No science here: names and allowed values only.</summary>
public static class CliSyntax
{
    public const string ProgramName = "repro";

    static readonly string[] Datasets = ["mnist", "fashion-mnist"];
    static readonly string[] Architectures = ["fc", "cnn", "cnn-bn"];
    static readonly string[] Optimizers = ["sgd", "adam"];
    static readonly string[] Feeds = ["zero", "noise", "aai"];
    static readonly string[] Gradients = ["autograd", "estimated"];

    public static IReadOnlyList<OptionSpec> GlobalOptions { get; } =
    [
        new("--profile", "Experiment profile: quick (2-core CPU) or paper (the paper's parameters, meant for a GPU).")
            { ValueName = "quick|paper", Default = "quick", ConfigKey = "Profile" },
        new("--study", "How much of the sensitivity study runs: the profile's budget (quick: the cells of C1, C4a and C6) or every cell (over an hour more on 2 cores).")
            { ValueName = "budget|full", Default = "budget", ConfigKey = "Study" },
        new("--device", "Where libtorch runs: auto (CUDA when available), cpu or cuda.")
            { ValueName = "auto|cpu|cuda", Default = "auto", ConfigKey = "Device" },
        new("--out", "Artifacts folder: data/, models/, results/, report/, bench/.")
            { ValueName = "DIR", Default = "artifacts/ (or REPRO_ARTIFACTS)", ConfigKey = "Out", Check = PathProblem },
        new("--data-dir", "Your own copy of the MNIST / Fashion-MNIST files (raw or .gz).")
            { ValueName = "DIR", Default = "REPRO_DATA_DIR", ConfigKey = "DataDir" },
        new("--jobs", "Independent jobs (seeds, configurations) run side by side.")
            { Kind = ValueKind.Integer, ValueName = "N", Min = 1, Max = 1024, Default = $"one per core, at most {Experiments.Runtime.ParallelismPlan.MaxDefaultJobs} (here {Experiments.Runtime.ParallelismPlan.Default.Jobs})", ConfigKey = "Jobs" },
        new("--threads", "libtorch intra-op threads per job.")
            { Kind = ValueKind.Integer, ValueName = "N", Default = $"the cores left per job, at least 1 (here {Experiments.Runtime.ParallelismPlan.Default.Threads})", ConfigKey = "Threads" },
        new("--quiet", "No progress bars.") { Kind = ValueKind.Flag, ConfigKey = "Quiet" },
        new("--verbose", "Debug logging; stack traces on errors.") { Kind = ValueKind.Flag, ConfigKey = "Verbose" },
        new("--help", "Show help (also -h).") { Kind = ValueKind.Flag },
        new("--version", "Show the version of repro, TorchSharp and libtorch.") { Kind = ValueKind.Flag },
    ];

    /// <summary>Only the verbs that train or draw noise take a seed; the claims use the profile's seeds.</summary>
    static readonly OptionSpec SeedOption =
        new("--seed", "Seed of the network and the noise; default: the profile's first seed.")
        { Kind = ValueKind.Integer, ValueName = "N", Min = 0, Max = int.MaxValue, ConfigKey = "Seed" };

    static OptionSpec DatasetOption(string? defaultValue = "mnist") =>
        new("--dataset", "The data set.") { Kind = ValueKind.Choice, Choices = Datasets, Default = defaultValue };

    static readonly OptionSpec[] NetworkOptions =
    [
        SeedOption,
        DatasetOption(),
        new("--arch", "The network: fc (784-200-30-10), cnn, or cnn-bn (with batch normalisation); CNN widths follow the profile.")
            { Kind = ValueKind.Choice, Choices = Architectures, Default = "fc" },
        new("--optimizer", "The training optimizer.") { Kind = ValueKind.Choice, Choices = Optimizers, Default = "sgd" },
        new("--target", "Train up to this test accuracy (or the profile's epoch limit).")
            { Kind = ValueKind.Number, ValueName = "ACC", Min = 0, Max = 1, Default = "0.92" },
    ];

    public static IReadOnlyList<VerbSpec> Verbs { get; } =
    [
        new("data fetch", "Fetch and verify MNIST and Fashion-MNIST into <out>/data.",
            "Fetches the data sets into the store and checks every file's SHA-256; a second call does no work.", [])
        {
            Argument = new("dataset", "Which data set.", ["mnist", "fashion-mnist", "all"], "all"),
            Examples = ["repro data fetch all", "repro data fetch mnist --data-dir ~/mnist"],
        },
        new("train", "Train a network to a target accuracy, or load it from <out>/models.",
            "Trains (or loads from the weight cache) one network and prints its test accuracy and loss.", NetworkOptions)
        {
            Examples = ["repro train --dataset mnist --arch fc --optimizer sgd --target 0.92"],
        },
        new("attack", "Make APs (adversarial perturbations) for every class and compare them with the PNCs.",
            "Trains or loads the network, runs the attack for all classes (or one) with zero feed, noise feed or an AAI " +
            "(adversarial average image), prints each class's iterations, confidence and stop reason, and the r(AP, PNC) matrix summary.",
            [
                .. NetworkOptions,
                new("--feed", "How the AP is made: zero feed, noise feed, or aai (average of --ades ADEs from noise).")
                    { Kind = ValueKind.Choice, Choices = Feeds, Default = "zero" },
                new("--ades", "ADEs (adversarial examples) per AAI (--feed aai only).")
                    { Kind = ValueKind.Integer, ValueName = "N", Min = 1, Max = 100_000, Default = "the profile's (30)" },
                new("--iterations", "Attack iterations.")
                    { Kind = ValueKind.Integer, ValueName = "N", Min = 1, Max = 10_000_000, Default = "the profile's (1000)" },
                new("--class", "Attack this class only.") { Kind = ValueKind.Integer, ValueName = "N", Min = 0, Max = 9 },
                new("--gradient", "Where the attack's gradient comes from: autograd through the network (white box), or estimated from its softmax outputs alone (black box, NES sampling).")
                    { Kind = ValueKind.Choice, Choices = Gradients, Default = "autograd" },
                new("--queries", "--gradient estimated: queries per image and step for the estimate (even: antithetic pairs).")
                    { Kind = ValueKind.Integer, ValueName = "N", Min = 2, Max = 100_000, Default = "20" },
            ])
        {
            Examples =
            [
                "repro attack --dataset mnist --arch fc --optimizer sgd --target 0.92 --feed aai --ades 30",
                "repro attack --dataset mnist --target 0.95 --gradient estimated --queries 20",
            ],
        },
        new("pnc", "Print each class's PNC (positive-negative contrast) range.",
            "Computes the PNCs of the training set and prints each class's minimum, maximum and mean.", [DatasetOption()]),
        new("claims", "Run the claims C1–C10 (or some) and write <out>/results/<id>.json.",
            "Runs the selected claims of the paper and prints id, title, verdict and the key check of each.",
            [
                new("--only", "Comma-separated claim ids, e.g. C1,C4.")
                {
                    ValueName = "IDS",
                    Default = "all",
                    Check = v =>
                    {
                        try { ClaimCatalog.Select(v); return null; }
                        catch (ArgumentException e) { return e.Message; }
                    },
                },
            ])
        {
            Examples = ["repro claims --only C1,C4"],
        },
        new("reproduce", "Run every claim and the sensitivity study (resuming finished ones), then write the report.",
            "Runs all claims and the sensitivity study, reusing cached models and finished results of this profile (so a rerun after Ctrl+C resumes), " +
            "then writes the report into <out>/report.", []),
        new("sensitivity", "Rerun C1, C2, C4a, C4b and C6 under every alternative reading; writes <out>/results/sensitivity.json.",
            "The sensitivity study: for each detail the paper leaves open (attack loss, noise σ, attack learning rate, iterations, " +
            "zero-feed jitter on CNNs, validation rule, C6 geometry), the claims it touches are rerun with that reading alone changed, " +
            "and the verdict matrix is printed with flips against the default row. Resumes cell by cell; --fresh starts again.",
            [new("--fresh", "Discard finished cells and run every cell again.") { Kind = ValueKind.Flag }])
        {
            Examples = ["repro sensitivity", "repro sensitivity --profile quick --fresh"],
        },
        new("budget", "Measure the epochs the capped Table 1 networks need; writes <out>/results/epochs-needed.json.",
            "What budget would test the networks the profile's epoch cap left 'not tested at this budget': trains (or loads) Table 1's " +
            "networks, then the first capped seed of each capped configuration again with --max-epochs epochs, and records whether and " +
            "when it reaches the table's accuracy on the stopping split. The report's Table 1 section shows the result.",
            [
                new("--max-epochs", "Epochs each capped network may train.")
                    { Kind = ValueKind.Number, ValueName = "N", Min = 1, Max = 200, Default = "20" },
            ])
        {
            Examples = ["repro budget", "repro budget --max-epochs 30"],
        },
        new("report", "Write the report from the results in <out>/results.",
            "Reads <out>/results/*.json and writes report.pdf, figures/ and results.csv into <out>/report.", []),
        new("bench", "Benchmark the attack on the CPU; print the stage table of the last claims/reproduce run.",
            "Measures attack throughput over batch sizes, batched versus one-at-a-time AAI, zero feed of all classes, training " +
            "throughput, the matmul FLOP rate and the attack's share of it, and 1 versus 2 intra-op threads; writes " +
            "<out>/bench/attack-benchmark.{json,md}. Then measures the matmul rate on 1 thread and on all cores and prints the stage " +
            "table that 'claims' and 'reproduce' record in <out>/bench/stages.json (every training, evaluation, attack batch and " +
            "analysis step: wall and thread time, FLOPs, share of the matmul rate; the floor, core use and evaluation overhead).",
            [
                new("--stages-only", "Skip the attack benchmark: the matmul rates and the stage table only.") { Kind = ValueKind.Flag },
                SeedOption,
                new("--cell-seconds", "Wanted duration of each timed cell.")
                    { Kind = ValueKind.Number, ValueName = "S", Min = 0.05, Max = 60, Default = "1.5" },
            ]),
    ];

    public static VerbSpec Verb(string name) => Verbs.Single(v => v.Name == name);

    /// <summary>Whether the command line asks for the version (answered before anything else is checked).</summary>
    public static bool VersionRequested(IReadOnlyList<string> args) => args.Contains("--version");

    /// <summary>What the root help says beyond the verbs and options: where settings come from, and the exit codes.</summary>
    public const string RootDescription =
        "repro — reproduction of 'Neural Networks Playing Dough' (claims, figures, report).\n\n" +
        "Settings come from appsettings.json (next to the binary), then REPRO_* environment variables (REPRO_PROFILE, REPRO_DEVICE, " +
        "REPRO_JOBS, REPRO_THREADS, REPRO_SEED, REPRO_OUT, REPRO_DATA_DIR, REPRO_ARTIFACTS), then the command line; every value is checked before any work.\n\n" +
        "Exit codes: 0 done, 1 failed, 2 refused command line or settings, 130 interrupted by Ctrl+C and 143 by SIGTERM " +
        "(both stop cleanly; rerun to resume). Run 'repro <verb> --help' for a verb's options.";

    /// <summary>The syntax as System.CommandLine symbols: one command per verb (words nest: data → fetch), global options recursive.</summary>
    sealed class Grammar
    {
        /// <summary>The root, named repro whatever the host process is called (tests run it in-process).</summary>
        public Command Root { get; } = new(ProgramName, RootDescription) { Options = { new HelpOption() } };
        public Dictionary<Command, VerbSpec> VerbOf { get; } = [];
        public Dictionary<Command, List<(OptionSpec Spec, Option Option)>> OptionsOf { get; } = [];
        public List<(OptionSpec Spec, Option Option)> Globals { get; } = [];
        public Dictionary<Command, Argument<string>> ArgumentOf { get; } = [];

        public Grammar()
        {
            // --version is answered by CliApp before parsing: it prints the libraries' versions too.
            foreach (var spec in GlobalOptions.Where(o => o.Name is not ("--help" or "--version")))
            {
                var option = Build(spec);
                option.Recursive = true;
                Root.Options.Add(option);
                Globals.Add((spec, option));
            }
            foreach (var verb in Verbs)
            {
                var words = verb.Name.Split(' ');
                Command parent = Root;
                foreach (var word in words[..^1])
                {
                    var group = parent.Subcommands.FirstOrDefault(c => c.Name == word);
                    if (group is null)
                    {
                        var subs = Verbs.Where(v => v.Name.StartsWith(word + " ", StringComparison.Ordinal)).Select(v => v.Name[(word.Length + 1)..]);
                        group = new Command(word, $"{string.Join(", ", subs)} (see '{ProgramName} {word} <verb> --help').");
                        parent.Subcommands.Add(group);
                    }
                    parent = group;
                }
                var command = new Command(words[^1], verb.Summary + "\n\n" + verb.Description +
                    (verb.Examples.Count > 0 ? "\n\nExamples:\n  " + string.Join("\n  ", verb.Examples) : ""));
                var options = new List<(OptionSpec, Option)>();
                foreach (var spec in verb.Options)
                {
                    var option = Build(spec);
                    command.Options.Add(option);
                    options.Add((spec, option));
                }
                if (verb.Argument is { } a)
                {
                    var argument = new Argument<string>(a.Name)
                    {
                        Description = $"{a.Description} One of {Or(a.Choices)} (default: {a.Default}).",
                        Arity = ArgumentArity.ZeroOrOne,
                        DefaultValueFactory = _ => a.Default,
                        CustomParser = r => Checked(r, () => CheckArgument(a, r.Tokens[0].Value)),
                    };
                    command.Arguments.Add(argument);
                    ArgumentOf[command] = argument;
                }
                parent.Subcommands.Add(command);
                VerbOf[command] = verb;
                OptionsOf[command] = options;
            }
        }

        static Option Build(OptionSpec spec)
        {
            string description = spec.Description + (spec.Default is { } d ? $" Default: {d}." : "");
            if (spec.Kind == ValueKind.Flag) return new Option<bool>(spec.Name) { Description = description };
            return new Option<string>(spec.Name)
            {
                Description = description,
                HelpName = spec.Placeholder,
                CustomParser = r => Checked(r, () => Check(spec, r.Tokens.Count == 0 ? null : r.Tokens[0].Value)),
            };
        }

        /// <summary>Our checks give the one-line message; the library reports it as a parse error.</summary>
        static string? Checked(System.CommandLine.Parsing.ArgumentResult result, Func<string> check)
        {
            try
            {
                return check();
            }
            catch (CliUsageException e)
            {
                result.AddError(e.Message);
                return null;
            }
        }
    }

    static readonly Lazy<Grammar> Syntax = new(() => new Grammar());

    /// <summary>
    /// Checks the command line against the syntax (System.CommandLine does the tokens, verbs, help and suggestions; the
    /// checks above give each value's message); throws <see cref="CliUsageException"/> with one line when it is refused.
    /// </summary>
    public static ParsedCommand Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var grammar = Syntax.Value;
        var result = grammar.Root.Parse(args.ToArray());
        var command = result.CommandResult.Command;
        var verb = grammar.VerbOf.GetValueOrDefault(command);

        if (result.Action is HelpAction)
        {
            var help = new StringWriter();
            result.Invoke(new InvocationConfiguration { Output = help, Error = help });
            return new ParsedCommand(verb, new Dictionary<string, string>(), null, true, new Dictionary<string, string?>()) { HelpText = help.ToString() };
        }
        if (verb is null)
        {
            if (command == grammar.Root && result.Tokens.Count == 0)
                throw new CliUsageException($"no verb given; use one of: {string.Join(", ", Verbs.Select(v => v.Name))} (see '{ProgramName} --help')");
            if (result.Errors.FirstOrDefault(e => !e.Message.Contains("Required command", StringComparison.Ordinal)) is { } other)
                throw new CliUsageException($"{other.Message.TrimEnd('.')}; see '{ProgramName} --help'");
            var subs = command.Subcommands.Select(c => c.Name);
            throw new CliUsageException(command == grammar.Root
                ? $"no verb given; use one of: {string.Join(", ", Verbs.Select(v => v.Name))} (see '{ProgramName} --help')"
                : $"'{command.Name}' needs a sub-verb: {string.Join(", ", subs)}");
        }
        if (result.Errors.Count > 0)
        {
            // A value check names the option; a stray token that follows from it (the value it swallowed) says less.
            var error = result.Errors.FirstOrDefault(e => !e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? result.Errors[0];
            throw new CliUsageException($"{error.Message.TrimEnd('.')}; see '{ProgramName} {verb.Name} --help'");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (spec, option) in grammar.OptionsOf[command].Concat(grammar.Globals))
        {
            if (result.GetResult(option) is not { Implicit: false } given) continue;
            values[spec.Name] = spec.Kind == ValueKind.Flag
                ? (result.GetValue((Option<bool>)option) ? "true" : "false")
                : result.GetValue((Option<string>)option)!;
        }
        string? argument = grammar.ArgumentOf.TryGetValue(command, out var arg) ? result.GetValue(arg) : null;

        if (values.ContainsKey("--ades") && (!values.TryGetValue("--feed", out var feed) || feed != "aai"))
            throw new CliUsageException("--ades applies to --feed aai only");

        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (spec, _) in grammar.OptionsOf[command].Concat(grammar.Globals))
            if (spec.ConfigKey is not null && values.TryGetValue(spec.Name, out var v))
                configuration[spec.ConfigKey] = v;
        return new ParsedCommand(verb, values, argument ?? verb.Argument?.Default, false, configuration);
    }

    static string CheckArgument(ArgumentSpec spec, string value)
    {
        var match = spec.Choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new CliUsageException($"{spec.Name} must be {Or(spec.Choices)}, got '{value}'");
    }

    /// <summary>
    /// A folder named on the command line that could never be used: blank (which the configuration would take for "the default", so
    /// the run would write into the repository's own artifacts/), or longer than Linux allows (PATH_MAX 4,096, a name 255).
    /// </summary>
    static string? PathProblem(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return $"--out '{value}' is blank: give a folder, or leave the option out for artifacts/";
        if (value.Length >= 4096 || value.Split('/').Any(part => System.Text.Encoding.UTF8.GetByteCount(part) > 255))
            return $"--out is too long for a path ({value.Length} characters; a name may have 255 bytes, a path 4,095): give a shorter folder";
        return null;
    }

    static string Check(OptionSpec spec, string? value)
    {
        if (spec.Kind == ValueKind.Flag) return "true";
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0) throw new CliUsageException($"{spec.Name} needs a value ({spec.Placeholder})");
        string normalised = value;
        switch (spec.Kind)
        {
            case ValueKind.Choice:
                normalised = spec.Choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
                             ?? throw new CliUsageException($"{spec.Name} must be {Or(spec.Choices)}, got '{value}'");
                break;
            case ValueKind.Integer:
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    throw new CliUsageException(System.Numerics.BigInteger.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                        ? $"{spec.Name} must be {Range(spec)}, got {value}"
                        : $"{spec.Name} must be a whole number, got '{value}'");
                if (n < spec.Min || n > spec.Max)
                    throw new CliUsageException($"{spec.Name} must be {Range(spec)}, got {n}");
                break;
            case ValueKind.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                    throw new CliUsageException($"{spec.Name} must be a number, got '{value}'");
                if (d < spec.Min || d > spec.Max)
                    throw new CliUsageException($"{spec.Name} must be {Range(spec)}, got {d.ToString(CultureInfo.InvariantCulture)}");
                break;
        }
        if (spec.Check?.Invoke(normalised) is { } problem)
            throw new CliUsageException($"{spec.Name}: {problem}");
        return normalised;
    }

    static string Range(OptionSpec spec) =>
        spec.Max == double.MaxValue
            ? $"at least {spec.Min.ToString(CultureInfo.InvariantCulture)}"
            : $"between {spec.Min.ToString(CultureInfo.InvariantCulture)} and {spec.Max.ToString(CultureInfo.InvariantCulture)}";

    public static string Or(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1];
}
