using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Repro.Cli.CommandLine;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;

namespace Repro.Cli.Hosting;

/// <summary>Refuses bad settings before any work, naming the setting and what to use instead.</summary>
public sealed class ReproOptionsValidator(Func<bool>? cudaAvailable = null) : IValidateOptions<ReproOptions>
{
    public static IReadOnlyList<string> Devices { get; } = ["auto", "cpu", "cuda"];

    /// <summary>The typed settings, with where each can come from and what it allows, for values that do not even bind.</summary>
    static readonly (string Key, string Sources, Func<string, bool> Parses, string Allowed)[] Typed =
    [
        ("Jobs", "--jobs, REPRO_JOBS or appsettings.json", v => int.TryParse(v, out _), $"a whole number {Ranges.Workers}"),
        ("Threads", "--threads, REPRO_THREADS or appsettings.json", v => int.TryParse(v, out _), $"a whole number {Ranges.Workers}"),
        ("Seed", "--seed, REPRO_SEED or appsettings.json", v => int.TryParse(v, out _), $"a whole number {Ranges.Seed}"),
        ("Quiet", "--quiet, REPRO_QUIET or appsettings.json", v => bool.TryParse(v, out _), "true or false"),
        ("Verbose", "--verbose, REPRO_VERBOSE or appsettings.json", v => bool.TryParse(v, out _), "true or false"),
    ];

    /// <summary>
    /// Values that would not bind to <see cref="ReproOptions"/> at all (e.g. REPRO_THREADS=many): named with their
    /// sources and allowed values, instead of the configuration binder's conversion message.
    /// </summary>
    public static IReadOnlyList<string> CheckRaw(IConfiguration configuration)
    {
        var errors = new List<string>();
        foreach (var (key, sources, parses, allowed) in Typed)
            if (configuration[key] is { } raw && !parses(raw.Trim()))
                errors.Add($"{key.ToLowerInvariant()} must be {allowed}, got '{raw}' ({sources})");
        return errors;
    }

    public ValidateOptionsResult Validate(string? name, ReproOptions o)
    {
        var errors = new List<string>();
        if (!Profiles.Names.Contains(o.Profile ?? "", StringComparer.OrdinalIgnoreCase))
            errors.Add($"unknown profile '{o.Profile}': use {string.Join(" or ", Profiles.Names)} (--profile, REPRO_PROFILE or appsettings.json)");
        if (!Profiles.Studies.Contains(o.Study?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
            errors.Add($"unknown study '{o.Study}': use {string.Join(" or ", Profiles.Studies)} (--study, REPRO_STUDY or appsettings.json)");
        if (!Devices.Contains(o.Device ?? "", StringComparer.OrdinalIgnoreCase))
            errors.Add($"unknown device '{o.Device}': use auto, cpu or cuda (--device, REPRO_DEVICE or appsettings.json)");
        if (o.Jobs is { } jobs && Ranges.Workers.Refusal("jobs", jobs) is { } badJobs)
            errors.Add($"{badJobs} (--jobs, REPRO_JOBS or appsettings.json)");
        if (o.Threads is { } threads && Ranges.Workers.Refusal("threads", threads) is { } badThreads)
            errors.Add($"{badThreads} (--threads, REPRO_THREADS or appsettings.json)");
        if (o.Seed is { } seed && Ranges.Seed.Refusal("the seed", seed) is { } badSeed)
            errors.Add($"{badSeed} (--seed, REPRO_SEED or appsettings.json)");
        if (o.Shard is { } shard)
        {
            try { _ = Repro.Experiments.Shards.ShardIndex.ParseSetting(shard, "--shard"); }
            catch (FormatException e) { errors.Add($"{e.Message} (--shard, REPRO_SHARD or appsettings.json)"); }
        }
        if (string.Equals(o.Device, "cuda", StringComparison.OrdinalIgnoreCase) && !(cudaAvailable ?? DefaultCudaAvailable)())
            errors.Add("device cuda: CUDA is not available here (this build uses the CPU libtorch; build with -p:TorchBackend=cuda on a GPU machine), " +
                       "use --device cpu or auto (--device, REPRO_DEVICE or appsettings.json)");
        foreach (var (label, path, sources) in new[]
                 {
                     ("--out", o.Out, "--out, REPRO_OUT or appsettings.json"), ("--data-dir", o.DataDir, "--data-dir, REPRO_DATA_DIR or appsettings.json"),
                 })
        {
            if (path is null) continue;
            if (PathLimits.Problem(path) is { } unusable)
            {
                errors.Add($"{label} {unusable} ({sources})");
                continue;
            }
            if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                errors.Add($"{label} '{path}' is not a valid path");
                continue;
            }
            if (File.Exists(path)) errors.Add($"{label} '{path}' is a file; give a folder");
        }
        if (o.DataDir is { } d && !File.Exists(d) && !Directory.Exists(d))
            errors.Add($"--data-dir '{d}' does not exist (--data-dir or REPRO_DATA_DIR)");
        // A data directory you name is always checked, whatever runs (claims that load no data too): cheaply, here.
        else if (o.DataDir is { } dataDir && Directory.Exists(dataDir)
                 && UserDirectorySource.Problem(Path.GetFullPath(dataDir), DatasetCatalog.Default) is { } dataProblem)
            errors.Add($"--data-dir: {dataProblem}; fix it, or drop the setting (--data-dir or REPRO_DATA_DIR)");
        if (errors.Count == 0 && WritableProblem(Path.GetFullPath(o.Out ?? RepoPaths.ArtifactsRoot)) is { } problem)
            errors.Add($"the artifacts folder {problem}: give a writable folder (--out, REPRO_OUT, REPRO_ARTIFACTS or appsettings.json)");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static bool DefaultCudaAvailable() => TorchSharp.torch.cuda.is_available();

    /// <summary>Null when <paramref name="dir"/> exists (or can be made) and takes a file; else what is wrong.</summary>
    static string? WritableProblem(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"'{dir}' cannot be created or written ({e.Message})";
        }
    }
}
