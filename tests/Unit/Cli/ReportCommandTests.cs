using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Cli;
using Repro.Cli.Commands;
using Repro.Cli.Hosting;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Results;
using Repro.Unit.Tests.Claims;

namespace Repro.Unit.Tests.Cli;

/// <summary><c>repro report</c> on a results folder with refused records: each is named in one line, the rest make the report.</summary>
public sealed class ReportCommandTests : IDisposable
{
    readonly TempFolder _folder = new("repro-report-cmd-");
    string OutDir => _folder.Path;
    public void Dispose() => _folder.Dispose();

    string Results => ClaimContext.ResultsDirectory(OutDir, "quick");

    void WriteRecord(string id)
    {
        var ctx = new ClaimContext(Profiles.Quick,
            new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(OutDir, "data"), ReadEnvironment = false }), OutDir);
        ctx.Results.Write(new CountingClaim(id).Run(ctx));
    }

    /// <summary>A record of the report fixture (one machine's quick run), which agrees with the register compiled in.</summary>
    static string FixtureRecord(string id, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "Snapshots", "Fixtures", "results", id + ".json");

    [Fact]
    public async Task Given_one_sound_record_and_three_refused_files_When_report_runs_Then_each_refused_file_gets_one_line_and_the_report_is_written()
    {
        Directory.CreateDirectory(Results);
        File.Copy(FixtureRecord("C7"), Path.Combine(Results, "C7.json"));
        // A record the claims' own code wrote, but whose check the register compiled in does not have: the report refuses it.
        WriteRecord("C1");
        WriteRecord("C6");
        File.Copy(Path.Combine(Results, "C6.json"), Path.Combine(Results, "C3.json"));
        File.Delete(Path.Combine(Results, "C6.json"));
        File.WriteAllText(Path.Combine(Results, "C4a.json"), """{ "id": "C4a", "checks": null """);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await CliApp.RunAsync(["report", "--out", OutDir, "--quiet"], CliIo.Plain(output, error));

        Assert.Equal(ExitCodes.Ok, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"warning: {Path.Combine(Results, "C1.json")} is not a valid result record: it disagrees with the register now (C1 check 'c' is not in threshold-register.tsv", lines[0]);
        Assert.StartsWith($"warning: {Path.Combine(Results, "C3.json")} is not a valid result record: its id 'C6' does not match the file name 'C3'", lines[1]);
        Assert.StartsWith($"warning: {Path.Combine(Results, "C4a.json")} is not a valid result record: its JSON does not parse", lines[2]);
        Assert.All(lines, l => Assert.Contains("marked 'invalid record'", l));
        Assert.Contains("Report from 1 result record(s) (C7)", output.ToString());
        Assert.True(File.Exists(Path.Combine(OutDir, "report", "report.pdf")));
    }
}
