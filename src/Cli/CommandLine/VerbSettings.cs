using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;

namespace Repro.Cli.CommandLine;

/// <summary>
/// What a verb was asked to do, typed and checked by the parse; each verb's command reads its own record. The settings
/// every verb shares (profile, device, --out, jobs, threads, seed, …) are <see cref="Hosting.ReproOptions"/>, layered
/// from appsettings.json, REPRO_* variables and the command line.
/// </summary>
public abstract record VerbSettings;

/// <summary><c>data fetch [mnist|fashion-mnist|all]</c>; <see cref="Dataset"/> null: all.</summary>
public sealed record DataFetchSettings(DatasetId? Dataset) : VerbSettings;

/// <summary>--dataset, --arch, --optimizer and --target: the network <c>train</c> and <c>attack</c> train or load.</summary>
public sealed record NetworkSettings(DatasetId Dataset, Architecture Architecture, OptimizerKind Optimizer, double Target);

public sealed record TrainSettings(NetworkSettings Network) : VerbSettings;

/// <summary>Where the attack's gradient comes from.</summary>
public enum AttackGradient { Autograd, Estimated }

/// <param name="Ades">--ades (only with --feed aai); null: the profile's.</param>
/// <param name="Iterations">null: the profile's.</param>
/// <param name="Class">--class; null: every class.</param>
/// <param name="Queries">--queries per image and step of the estimated gradient.</param>
public sealed record AttackSettings(
    NetworkSettings Network, Feed Feed, int? Ades, int? Iterations, int? Class, AttackGradient Gradient, int Queries) : VerbSettings;

public sealed record PncSettings(DatasetId Dataset) : VerbSettings;

/// <param name="Claims">--only's claims; every claim when it is left out.</param>
public sealed record ClaimsSettings(IReadOnlyList<IClaim> Claims) : VerbSettings;

public sealed record ReproduceSettings : VerbSettings;

/// <summary>How <c>plan</c> prints: a table for a person, or JSON for a CI engine's matrix.</summary>
public enum PlanFormat { Text, Json }

/// <param name="Claims">--only's claims (the plan of <c>claims --only</c>, without the study); null: the plan of <c>reproduce</c>.</param>
/// <param name="Shards">--shards: how many shards.</param>
public sealed record PlanSettings(IReadOnlyList<IClaim>? Claims, int Shards, PlanFormat Format) : VerbSettings;

/// <param name="Sources">The shards' artifacts folders, merged into --out.</param>
public sealed record MergeSettings(IReadOnlyList<string> Sources) : VerbSettings;

public sealed record SensitivitySettings(bool Fresh) : VerbSettings;

public sealed record BudgetSettings(double MaxEpochs) : VerbSettings;

public sealed record ReportSettings : VerbSettings;

public sealed record BenchSettings(bool StagesOnly, double CellSeconds) : VerbSettings;
