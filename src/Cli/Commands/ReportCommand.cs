using Repro.Cli.CommandLine;
using Repro.Cli.Hosting;
using Repro.Experiments.Runtime;
using Repro.Report;
using Repro.Results;
using Spectre.Console;

namespace Repro.Cli.Commands;

/// <summary><c>repro report</c>: the report from the records in &lt;out&gt;/results/&lt;profile&gt;, into &lt;out&gt;/report.</summary>
public sealed class ReportCommand(Workspace workspace, IAnsiConsole console, CliIo io) : CliCommand<ReportSettings>
{
    protected override Task<int> RunAsync(ReportSettings settings, CancellationToken cancel)
    {
        Write(workspace, console, io.Error, cancel);
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>Writes the report and prints what was written; refuses clearly when there are no results.</summary>
    public static void Write(Workspace workspace, IAnsiConsole console, TextWriter error, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var results = workspace.ResultsDir;
        var store = new ResultStore(results, ThresholdRegister.Embedded);
        var (records, invalid) = store.ReadAllChecked();
        // Every refused file is named, one line each; the report is built from the sound ones and marks the others.
        foreach (var e in invalid)
            error.WriteLine($"warning: {e.Message}; its claim is marked 'invalid record' (rerun it with 'repro claims --only {e.FileId}').");
        error.Flush();
        if (records.Count == 0)
            throw new CliException(invalid.Count == 0
                ? $"no result records in {results}: run 'repro claims' or 'repro reproduce' first"
                : $"no valid result records in {results} ({invalid.Count} refused): run 'repro reproduce' to rebuild them");
        SensitivityRecord? sensitivity = null;
        try { sensitivity = store.TryReadSensitivity(); }
        catch (InvalidRecordException e) { error.WriteLine($"warning: {e.Message}; the report's sensitivity section says it was not run (rerun it with 'repro sensitivity --fresh')."); }
        EpochsNeededRecord? budget = null;
        try { budget = store.TryReadEpochsNeeded(); }
        catch (InvalidRecordException e) { error.WriteLine($"warning: {e.Message}; the report's Table 1 section leaves it out (rerun 'repro budget')."); }
        var written = ReportWriter.Write(records, workspace.ReportDir, ReportContext.Create(DateTimeOffset.UtcNow, SourceVersion.GitCommit()) with
        {
            RecordSha256 = store.FileHashes(),
            Stages = StageTable.TryRead(Path.Combine(workspace.BenchDir, StageTable.JsonName)),
            Sensitivity = sensitivity,
            EpochsNeeded = budget,
        }, invalid, cancel);
        console.WriteLine($"Report from {records.Count} result record(s) ({string.Join(", ", records.Select(r => r.Id))}) written to {workspace.ReportDir}:");
        foreach (var path in written.Where(p => !p.Contains(Path.DirectorySeparatorChar + ReportWriter.FiguresDir + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            console.WriteLine("  " + path);
        int figures = written.Count(p => p.Contains(Path.DirectorySeparatorChar + ReportWriter.FiguresDir + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        if (figures > 0) console.WriteLine($"  {Path.Combine(workspace.ReportDir, ReportWriter.FiguresDir)}{Path.DirectorySeparatorChar} ({figures} PNG files)");
    }
}
