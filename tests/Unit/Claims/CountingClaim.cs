using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

/// <summary>
/// A claim that counts its runs and writes a small, sound record with one claim check "c" (value 1, threshold 0, five
/// seeds, so its interval clears the bar: [Re]), registered in a register of its own rather than the project's.
/// </summary>
public sealed class CountingClaim(string id) : IClaim
{
    public int Runs;
    public string Id => id;
    /// <summary>Shared experiments it reads (each is read at the start of its run).</summary>
    public IReadOnlyList<SharedExperiment> Uses { get; init; } = [];
    /// <summary>When set, the run throws it after reading its nodes.</summary>
    public Exception? Throws { get; init; }
    public ClaimInfo Info => new(id, "a claim", "§3", "words", []);

    public static ThresholdRegister Register(string id) =>
        ThresholdRegister.Parse($"2026-11-29\t{id}\tc\tclaim\tm\t≥\t0\ta test's register\n");

    public ClaimResult Run(ClaimContext ctx)
    {
        Runs++;
        foreach (var node in Uses) ctx.Compute(node);
        if (Throws is { } e) throw e;
        var checks = new RecordBuilder(Id, Register(Id));
        checks.Claim("c", [0, 1, 2, 3, 4], [1, 1.1, 0.9, 1, 1.05]);
        return ClaimKit.Result(ctx, this, [0, 1, 2, 3, 4], ClaimKit.Parameters(ctx.Profile, new { }),
            new Dictionary<string, string> { ["r"] = "v" }, new Dictionary<string, Metric> { ["m"] = Metric.Single(1) },
            checks, "m ≥ 0", Stopwatch.StartNew());
    }
}
