using System.Globalization;
using Repro.Experiments.Claims;

namespace Repro.Cli.CommandLine;

/// <summary>What an option takes.</summary>
public enum ValueKind { Flag, Text, Integer, Number, Choice }

/// <summary>
/// One option of a verb (or a global option). Global options carry a <see cref="ConfigKey"/>: their values go into the
/// host's configuration (above appsettings.json and REPRO_* variables) and are validated there, so a bad value is
/// refused whichever of the three it came from.
/// </summary>
public sealed record OptionSpec(string Name, string Description)
{
    public ValueKind Kind { get; init; } = ValueKind.Text;
    /// <summary>Placeholder in help, e.g. "N" or "DIR".</summary>
    public string? ValueName { get; init; }
    /// <summary>Allowed values of a <see cref="ValueKind.Choice"/>, case-insensitive.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
    public double Min { get; init; } = double.MinValue;
    public double Max { get; init; } = double.MaxValue;
    /// <summary>Shown in help.</summary>
    public string? Default { get; init; }
    /// <summary>For global options: the configuration key the value is written to.</summary>
    public string? ConfigKey { get; init; }
    /// <summary>Extra check of the raw value; returns an error message or null.</summary>
    public Func<string, string?>? Check { get; init; }

    public string Placeholder => Kind switch
    {
        ValueKind.Flag => "",
        ValueKind.Choice => string.Join('|', Choices),
        _ => ValueName ?? "VALUE",
    };
}

/// <summary>The positional argument of a verb (only <c>data fetch</c> has one).</summary>
public sealed record ArgumentSpec(string Name, string Description, IReadOnlyList<string> Choices, string Default);

/// <summary>A verb: its words (e.g. "data fetch"), its own options and what it does.</summary>
public sealed record VerbSpec(string Name, string Summary, string Description, IReadOnlyList<OptionSpec> Options)
{
    public ArgumentSpec? Argument { get; init; }
    public IReadOnlyList<string> Examples { get; init; } = [];
}

/// <summary>A command line that has been checked against the syntax.</summary>
public sealed record ParsedCommand(
    VerbSpec? Verb,
    IReadOnlyDictionary<string, string> Values,
    string? Argument,
    bool HelpRequested,
    IReadOnlyDictionary<string, string?> Configuration)
{
    public bool Has(string option) => Values.ContainsKey(option);
    public string? Get(string option) => Values.TryGetValue(option, out var v) ? v : null;
    public string GetOr(string option, string fallback) => Get(option) ?? fallback;
    public int? GetInt(string option) => Get(option) is { } v ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
    public double? GetDouble(string option) => Get(option) is { } v ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
}

/// <summary>A command line the syntax refuses; the message is one line (exit code 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>The verbs and options of <c>repro</c>, and the parser. No science here: names and allowed values only.</summary>
public static class CliSyntax
{
    public const string ProgramName = "repro";

    static readonly string[] Datasets = ["mnist", "fashion-mnist"];
    static readonly string[] Architectures = ["fc", "cnn", "cnn-bn"];
    static readonly string[] Optimizers = ["sgd", "adam"];
    static readonly string[] Feeds = ["zero", "noise", "aai"];

    public static IReadOnlyList<OptionSpec> GlobalOptions { get; } =
    [
        new("--profile", "Experiment profile: quick (2-core CPU) or paper (the paper's parameters, meant for a GPU).")
            { ValueName = "quick|paper", Default = "quick", ConfigKey = "Profile" },
        new("--device", "Where libtorch runs: auto (CUDA when available), cpu or cuda.")
            { ValueName = "auto|cpu|cuda", Default = "auto", ConfigKey = "Device" },
        new("--out", "Artifacts folder: data/, models/, results/, report/, bench/.")
            { ValueName = "DIR", Default = "artifacts/ (or REPRO_ARTIFACTS)", ConfigKey = "Out" },
        new("--data-dir", "Your own copy of the MNIST / Fashion-MNIST files (raw or .gz).")
            { ValueName = "DIR", Default = "REPRO_DATA_DIR", ConfigKey = "DataDir" },
        new("--threads", "libtorch intra-op threads.")
            { Kind = ValueKind.Integer, ValueName = "N", Default = "1", ConfigKey = "Threads" },
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
            ])
        {
            Examples = ["repro attack --dataset mnist --arch fc --optimizer sgd --target 0.92 --feed aai --ades 30"],
        },
        new("pnc", "Print each class's PNC (positive-negative contrast) range.",
            "Computes the PNCs of the training set and prints each class's minimum, maximum and mean.", [DatasetOption()]),
        new("claims", "Run the claims C1…C7 (or some) and write <out>/results/<id>.json.",
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
        new("reproduce", "Run every claim (resuming finished ones), then write the report.",
            "Runs all claims, reusing cached models and finished results of this profile (so a rerun after Ctrl+C resumes), " +
            "then writes the report into <out>/report.", []),
        new("report", "Write the report from the results in <out>/results.",
            "Reads <out>/results/*.json and writes report.pdf, figures/ and results.csv into <out>/report.", []),
        new("bench", "Benchmark the attack on the CPU; writes <out>/bench/attack-benchmark.{json,md}.",
            "Measures attack throughput over batch sizes, batched versus one-at-a-time AAI, zero feed of all classes, training " +
            "throughput, the matmul FLOP rate and the attack's share of it, and 1 versus 2 intra-op threads.",
            [
                SeedOption,
                new("--cell-seconds", "Wanted duration of each timed cell.")
                    { Kind = ValueKind.Number, ValueName = "S", Min = 0.05, Max = 60, Default = "1.5" },
            ]),
    ];

    public static VerbSpec Verb(string name) => Verbs.Single(v => v.Name == name);

    static readonly HashSet<string> HelpWords = new(StringComparer.Ordinal) { "--help", "-h", "-?" };

    /// <summary>Whether the command line asks for the version (answered before anything else is checked).</summary>
    public static bool VersionRequested(IReadOnlyList<string> args) => args.Contains("--version");

    /// <summary>Checks the command line against the syntax; throws <see cref="CliUsageException"/> with one line when it is refused.</summary>
    public static ParsedCommand Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool help = args.Any(HelpWords.Contains);
        var words = new List<string>();
        int i = 0;
        // The verb: the leading words that are not options (global options may come first).
        var leading = new List<(string Name, string? Value)>();
        for (; i < args.Count; i++)
        {
            var a = args[i];
            if (a.StartsWith('-'))
            {
                if (HelpWords.Contains(a)) continue;
                // A global option before the verb.
                var (name, inline) = Split(a);
                var spec = GlobalOptions.FirstOrDefault(o => o.Name == name)
                           ?? throw new CliUsageException($"unknown option '{name}'; see '{ProgramName} --help'");
                string? value = inline;
                if (spec.Kind != ValueKind.Flag && value is null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        throw new CliUsageException($"{name} needs a value ({spec.Placeholder})");
                    value = args[++i];
                }
                leading.Add((name, value));
                continue;
            }
            words.Add(a);
            var joined = string.Join(' ', words);
            if (Verbs.Any(v => v.Name == joined)) { i++; break; }
            if (!Verbs.Any(v => v.Name.StartsWith(joined + " ", StringComparison.Ordinal)))
                throw new CliUsageException(
                    $"unknown verb '{joined}'; use one of: {string.Join(", ", Verbs.Select(v => v.Name))} (see '{ProgramName} --help')");
        }

        var verbName = string.Join(' ', words);
        var verb = Verbs.FirstOrDefault(v => v.Name == verbName);
        if (verb is null)
        {
            if (help)
            {
                // "data --help": the help of the group's verb when it has one, else the root help.
                var group = words.Count == 0 ? [] : Verbs.Where(v => v.Name.StartsWith(verbName + " ", StringComparison.Ordinal)).ToList();
                return new ParsedCommand(group.Count == 1 ? group[0] : null, new Dictionary<string, string>(), null, true, new Dictionary<string, string?>());
            }
            if (words.Count > 0)
            {
                var subs = Verbs.Where(v => v.Name.StartsWith(verbName + " ", StringComparison.Ordinal)).Select(v => v.Name[(verbName.Length + 1)..]);
                throw new CliUsageException($"'{verbName}' needs a sub-verb: {string.Join(", ", subs)}");
            }
            throw new CliUsageException($"no verb given; use one of: {string.Join(", ", Verbs.Select(v => v.Name))} (see '{ProgramName} --help')");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? argument = null;
        void Add(OptionSpec spec, string? value, VerbSpec v)
        {
            if (values.ContainsKey(spec.Name)) throw new CliUsageException($"{spec.Name} is given twice");
            values[spec.Name] = help ? value ?? "true" : Check(spec, value, v);
        }
        foreach (var (name, value) in leading)
            Add(GlobalOptions.Single(o => o.Name == name), value, verb);

        for (; i < args.Count; i++)
        {
            var a = args[i];
            if (HelpWords.Contains(a)) continue;
            if (!a.StartsWith('-') || a == "-")
            {
                if (verb.Argument is null || argument is not null)
                    throw new CliUsageException($"unexpected argument '{a}' for '{verb.Name}'; see '{ProgramName} {verb.Name} --help'");
                argument = help ? a : CheckArgument(verb.Argument, a);
                continue;
            }
            var (name, inline) = Split(a);
            var spec = verb.Options.FirstOrDefault(o => o.Name == name) ?? GlobalOptions.FirstOrDefault(o => o.Name == name);
            if (spec is null)
            {
                if (help) continue;
                throw new CliUsageException($"unknown option '{name}' for '{verb.Name}'; see '{ProgramName} {verb.Name} --help'");
            }
            string? value = inline;
            if (spec.Kind == ValueKind.Flag)
            {
                if (inline is not null) throw new CliUsageException($"{name} takes no value");
            }
            else if (value is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && !help))
                    throw new CliUsageException($"{name} needs a value ({spec.Placeholder})");
                value = args[++i];
            }
            Add(spec, value, verb);
        }

        if (!help && values.ContainsKey("--ades") && values.TryGetValue("--feed", out var feed) && feed != "aai")
            throw new CliUsageException("--ades applies to --feed aai only");
        if (!help && values.ContainsKey("--ades") && !values.ContainsKey("--feed"))
            throw new CliUsageException("--ades applies to --feed aai only");

        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!help)
            foreach (var o in GlobalOptions.Concat(verb.Options).Where(o => o.ConfigKey is not null && values.ContainsKey(o.Name)))
                configuration[o.ConfigKey!] = values[o.Name];
        return new ParsedCommand(verb, values, argument ?? verb.Argument?.Default, help, configuration);
    }

    static (string Name, string? Inline) Split(string arg)
    {
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    static string CheckArgument(ArgumentSpec spec, string value)
    {
        var match = spec.Choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new CliUsageException($"{spec.Name} must be {Or(spec.Choices)}, got '{value}'");
    }

    static string Check(OptionSpec spec, string? value, VerbSpec verb)
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
