using System.Runtime.CompilerServices;
using Repro.Report;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>Where the checked-in results fixture lives, and the fixed context the report is built with.</summary>
public static class Fixture
{
    /// <summary>The fixture as copied next to the test assembly.</summary>
    public static string ResultsDir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "results");

    /// <summary>The fixture in the source tree (for regeneration).</summary>
    public static string SourceResultsDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "results");

    public static readonly ReportContext Context = CreateContext();

    private static ReportContext CreateContext()
    {
        var context = ReportContext.Create(new DateTimeOffset(2025, 1, 16, 9, 30, 0, TimeSpan.Zero), "f1x7u4e");
        var store = new ResultStore(ResultsDir);
        return context with { RecordSha256 = store.FileHashes(), Sensitivity = store.TryReadSensitivity() };
    }

    public static IReadOnlyList<ClaimResult> Records() => new ResultStore(ResultsDir).ReadAll();
}
