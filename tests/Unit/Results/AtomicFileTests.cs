using System.Diagnostics;
using Repro.Results;

namespace Repro.Unit.Tests.Results;

/// <summary>Writes are atomic, and temporaries left by a killed process are swept on the next write.</summary>
public sealed class AtomicFileTests : IDisposable
{
    readonly TempFolder _folder = new("repro-atomic-");
    string Dir => _folder.Path;
    public void Dispose() => _folder.Dispose();

    /// <summary>The id of a process that has exited.</summary>
    static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void Given_a_temporary_left_by_a_killed_writer_When_the_folder_is_written_again_Then_it_is_removed()
    {
        var stale = Path.Combine(Dir, $".report.pdf.{DeadPid()}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(stale, new byte[241_000]);

        AtomicFile.WriteAllText(Path.Combine(Dir, "results.csv"), "a,b\n");

        Assert.False(File.Exists(stale), "the stale temporary is swept");
        Assert.Equal(["results.csv"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Given_a_live_writers_temporary_and_files_of_other_naming_When_swept_Then_they_are_kept()
    {
        var live = Path.Combine(Dir, $".report.pdf.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var mine = Path.Combine(Dir, ".notes.tmp");
        var data = Path.Combine(Dir, "C1.json");
        foreach (var f in new[] { live, mine, data }) File.WriteAllText(f, "x");

        var removed = AtomicFile.SweepStale(Dir);

        Assert.Empty(removed);
        Assert.True(File.Exists(live) && File.Exists(mine) && File.Exists(data));
    }

    [Fact]
    public void Given_a_write_When_it_completes_Then_the_file_holds_the_text_and_no_temporary_remains()
    {
        var path = Path.Combine(Dir, "C1.json");

        AtomicFile.WriteAllText(path, "{}");
        AtomicFile.WriteAllText(path, "{\"id\":1}");

        Assert.Equal("{\"id\":1}", File.ReadAllText(path));
        Assert.Equal(["C1.json"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Given_a_disk_that_fills_mid_write_When_a_file_is_replaced_Then_one_line_says_no_space_left_on_the_folder_and_the_old_file_and_no_temporary_remain()
    {
        var path = Path.Combine(Dir, "report.pdf");
        File.WriteAllText(path, "the earlier report");

        // ENOSPC, as .NET raises it on Linux when a write finds the disk full.
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1_200_000]);
            throw new IOException("No space left on device", 28);
        }));

        Assert.StartsWith($"no space left on {Dir} (writing report.pdf)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal("the earlier report", File.ReadAllText(path));
        Assert.Equal(["report.pdf"], Directory.GetFiles(Dir).Select(Path.GetFileName));
    }
}
