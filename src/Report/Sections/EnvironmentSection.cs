using System.Globalization;
using System.Text.Json.Nodes;
using Repro.Results;
using static Repro.Report.ReportModelBuilder;

namespace Repro.Report;

/// <summary>Where the records were obtained: OS, CPU, device, library versions, commit and date.</summary>
internal static class EnvironmentSection
{
    internal static IReadOnlyList<Block> EnvironmentBlocks(IReadOnlyList<ClaimResult> ordered, ReportContext ctx)
    {
        var blocks = new List<Block>
        {
            new Paragraph($"This report was generated {Date(ctx.Date)} from commit {ctx.Commit}. The records were obtained in the " +
                          "environments below (records that differ only in date share a column)."),
        };
        var groups = ordered.GroupBy(r => r.Environment with { Date = default }).ToList();
        if (groups.Count == 0)
        {
            blocks.Add(new Paragraph("No records."));
            return blocks;
        }
        string[] fields = ["Claims", "OS", "CPU", "Device", ".NET", "TorchSharp", "libtorch", "Threads", "Profile", "Seeds", "Commit", "Date"];
        foreach (var chunk in groups.Chunk(3))
        {
            var rows = new List<IReadOnlyList<string>>();
            foreach (var field in fields)
            {
                var row = new List<string> { field };
                foreach (var g in chunk)
                {
                    var e = g.Key;
                    var dates = g.Select(r => r.Environment.Date).Order().ToList();
                    row.Add(field switch
                    {
                        "Claims" => string.Join(", ", g.Select(r => r.Id)),
                        "OS" => e.Os,
                        "CPU" => e.Cpu,
                        // The GPU where there was one; a CPU record shows its device alone, as before.
                        "Device" => e.Gpu is null ? e.Device : $"{e.Device} ({e.Gpu}, driver {e.GpuDriver}, CUDA {e.Cuda})",
                        ".NET" => e.DotNet,
                        "TorchSharp" => e.TorchSharp,
                        "libtorch" => e.LibTorch,
                        "Threads" => e.Threads.ToString(CultureInfo.InvariantCulture),
                        "Profile" => string.Join(", ", g.Select(r => r.Profile).Distinct()),
                        "Seeds" => string.Join("; ", g.Select(r => Seeds(r.Seeds)).Distinct()),
                        "Commit" => e.Commit,
                        _ => dates[0] == dates[^1] ? Date(dates[0]) : $"{Date(dates[0])} – {Date(dates[^1])}",
                    });
                }
                rows.Add(row);
            }
            blocks.Add(new Table("Environment", ["Field", .. chunk.Select((_, i) => $"Environment {groups.IndexOf(chunk[i]) + 1}")], rows));
        }
        return blocks;
    }
}
