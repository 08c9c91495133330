using System.CommandLine;
using System.Reflection;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Experiments.Runtime;

namespace Repro.Cli.CommandLine;

/// <summary>The names of <c>repro</c>: the program, the choices its options take, its verbs and global options. No science here.</summary>
public static class CliSyntax
{
    public const string ProgramName = "repro";

    /// <summary>What the root help says beyond the verbs and options: where settings come from, and the exit codes.</summary>
    public const string RootDescription =
        "repro — reproduction of 'Neural Networks Playing Dough' (claims, figures, report).\n\n" +
        "Settings come from appsettings.json (next to the binary), then REPRO_* environment variables (REPRO_PROFILE, REPRO_DEVICE, " +
        "REPRO_JOBS, REPRO_THREADS, REPRO_SEED, REPRO_SHARD, REPRO_OUT, REPRO_DATA_DIR, REPRO_ARTIFACTS), then the command line; every value is checked before any work.\n\n" +
        "Exit codes: 0 done, 1 failed, 2 refused command line or settings, 130 interrupted by Ctrl+C and 143 by SIGTERM " +
        "(both stop cleanly; rerun to resume). Run 'repro <verb> --help' for a verb's options.";

    public static Choices<DatasetId> Datasets { get; } = new(("mnist", DatasetId.Mnist), ("fashion-mnist", DatasetId.FashionMnist));

    /// <summary>What <c>data fetch</c> takes: a data set, or all (null).</summary>
    public static Choices<DatasetId?> FetchTargets { get; } =
        new(("mnist", DatasetId.Mnist), ("fashion-mnist", DatasetId.FashionMnist), ("all", null));

    public static Choices<Architecture> Architectures { get; } =
        new(("fc", Architecture.Fc), ("cnn", Architecture.Cnn), ("cnn-bn", Architecture.CnnBatchNorm));

    public static Choices<OptimizerKind> Optimizers { get; } = new(("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam));

    public static Choices<Feed> Feeds { get; } = new(("zero", Feed.Zero), ("noise", Feed.Noise), ("aai", Feed.AdversarialAverage));

    public static Choices<PlanFormat> PlanFormats { get; } = new(("text", PlanFormat.Text), ("json", PlanFormat.Json));

    public static Choices<AttackGradient> Gradients { get; } = new(("autograd", AttackGradient.Autograd), ("estimated", AttackGradient.Estimated));

    /// <summary>The grammar for looking at (help, tests, the verbs' names); each run builds its own with its actions.</summary>
    static readonly Lazy<CliGrammar> Shape = new(() => new CliGrammar((_, _) => Task.FromResult(0)));

    public static IReadOnlyList<VerbSpec> Verbs => Shape.Value.Verbs;

    public static VerbSpec Verb(string name) => Verbs.Single(v => v.Name == name);

    /// <summary>The options every verb takes (--help and --version among them).</summary>
    public static IReadOnlyList<Option> GlobalOptions => Shape.Value.GlobalOptions;

    public static string Or(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1];

    /// <summary>"repro 1.0.0+commit (TorchSharp 0.107.0, libtorch 2.10.0, .NET 10.0.x)".</summary>
    public static string VersionLine()
    {
        var assembly = typeof(CliSyntax).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? assembly.GetName().Version?.ToString() ?? "unknown";
        return $"{ProgramName} {version} (TorchSharp {TorchRuntime.TorchSharpVersion}, libtorch {TorchRuntime.LibTorchVersion}, .NET {Environment.Version})";
    }
}
