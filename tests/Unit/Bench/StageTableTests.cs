using Repro.Results;

namespace Repro.Unit.Tests.Bench;

/// <summary>The run's summary from a hand-made stage table: totals, floor, core use and evaluation overhead.</summary>
public sealed class StageTableTests
{
    internal static StageTable Sample() => new()
    {
        Command = "reproduce",
        Profile = "quick",
        Date = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        Cpu = "Test CPU",
        Cores = 2,
        Jobs = 2,
        Threads = 1,
        MatmulRates = [new MatmulRate(1, 512, 10e9), new MatmulRate(2, 512, 20e9)],
        WallSeconds = 100,
        ProcessCpuSeconds = 150,
        Reused = ["C9"],
        CachedTrainings = 3,
        Stages =
        [
            new("train MNIST-CNN-Adam-s2", StageKind.Training, "C3", 1, 60, 58, 300e9, "steps"),
            new("evaluate MNIST-CNN-Adam-s2", StageKind.Evaluation, "C3", 1, 6, 6, 20e9),
            new("attack MNIST FC-SGD s0 (20 ADEs, 1000 it)", StageKind.Attack, "C1", 1, 20, 19, 80e9),
            new("analysis PNCs Mnist", StageKind.Analysis, "C4a", 1, 4, 4, 0),
            new("claim C3", StageKind.Claim, "C3", 1, 70, 10, 0),
        ],
    };

    [Fact]
    public void Given_stages_When_summarised_Then_the_floor_is_the_counted_flops_at_the_all_core_matmul_rate_and_claims_are_not_counted_twice()
    {
        var m = Sample().Summary();

        Assert.Equal(4, m.Stages);
        Assert.Equal(400e9, m.TotalFlops);
        Assert.Equal(20, m.FloorSeconds, 9);          // 400 GFLOP at 20 GFLOP/s (2 threads; as 2 × 10 on one thread each)
        Assert.Equal(5, m.WallOverFloor, 9);          // 100 s wall
        Assert.Equal(0.75, m.CoreUse, 9);             // 150 s CPU over 100 s × 2 cores
        Assert.Equal(87.0 / 200, m.ThreadCoreUse, 9); // the stages' own threads, the claim's left out
        Assert.Equal(0.1, m.EvaluationOverhead, 9);   // 6 s evaluating against 60 s training
        Assert.Equal((20.0, 4.0), (m.AttackSeconds, m.AnalysisSeconds));
    }

    [Fact]
    public void Given_a_contended_multi_thread_matmul_When_taking_the_all_core_rate_Then_independent_one_thread_products_set_it()
    {
        var t = Sample() with { MatmulRates = [new MatmulRate(1, 512, 10e9), new MatmulRate(2, 512, 5e9)] };

        Assert.Equal(20e9, t.AllCoresRate);
        Assert.Equal(20, t.Summary().FloorSeconds, 9);
    }

    /// <summary>The kind of machine issue 24 measured: 10 GFLOP/s alone, 8 on two threads, two one-thread products at once 4 + 4.</summary>
    internal static StageTable Contended() => Sample() with
    {
        MatmulRates = [new MatmulRate(1, 512, 10e9), new MatmulRate(2, 512, 7e9)],
        ConcurrentMatmul = new ConcurrentMatmulRate(2, 512, 8e9, [4e9, 4e9]),
    };

    [Fact]
    public void Given_cores_that_slow_each_other_When_taking_the_all_core_rate_Then_the_concurrent_rate_sets_the_floor_not_twice_the_one_thread_rate()
    {
        var t = Contended();

        Assert.True(t.FloorFromConcurrentRate);
        Assert.Equal(8e9, t.AllCoresRate);                  // the concurrent 4 + 4, above one matmul on 2 threads (7)
        Assert.Equal(20e9, t.IndependentCoresRate);         // the older rule's 2 × 10
        Assert.Equal(50, t.Summary().FloorSeconds, 9);      // 400 GFLOP at 8 GFLOP/s, not 20 s at 20
        Assert.Equal(2, t.Summary().WallOverFloor, 9);
        Assert.Equal(9e9, (t with { MatmulRates = [new MatmulRate(1, 512, 10e9), new MatmulRate(2, 512, 9e9)] }).AllCoresRate);   // both keep every core busy: the higher
    }

    [Fact]
    public void Given_a_concurrent_rate_When_put_in_words_Then_the_floor_line_names_each_worker_the_one_thread_rate_and_the_older_floor()
    {
        var floor = Contended().SummaryLines().Single(l => l.StartsWith("Floor:", StringComparison.Ordinal));

        Assert.StartsWith("Floor: 50.0 s (the FLOPs at the all-core matmul rate, 8.0 GFLOP/s, every core busy", floor);
        Assert.Contains("2 one-thread matmuls at once gave 4.0 + 4.0 = 8.0 GFLOP/s, against 10.0 for one alone", floor);
        Assert.Contains("2 × the one-thread rate would say 20.0 GFLOP/s, a floor of 20.0 s and 5.0 ×", floor);
        Assert.EndsWith("Wall time 100.0 s = 2.0 × the floor.", floor);
    }

    [Fact]
    public void Given_a_second_concurrent_reading_at_the_end_When_taking_the_all_core_rate_Then_the_higher_reading_sets_the_floor_and_the_line_shows_both()
    {
        var busyStart = Contended() with { ConcurrentMatmulAtEnd = new ConcurrentMatmulRate(2, 512, 16e9, [8e9, 8e9]) };
        var busyEnd = Contended() with { ConcurrentMatmulAtEnd = new ConcurrentMatmulRate(2, 512, 6e9, [4e9, 2e9]) };

        Assert.Equal(16e9, busyStart.AllCoresRate);                 // the start's 8 was a busy moment: the end's 16 counts
        Assert.Equal(25, busyStart.Summary().FloorSeconds, 9);      // 400 GFLOP at 16 GFLOP/s
        Assert.Equal(8e9, busyEnd.AllCoresRate);                    // a busy end cannot lower it either
        var floor = busyStart.SummaryLines().Single(l => l.StartsWith("Floor:", StringComparison.Ordinal));
        Assert.Contains("2 one-thread matmuls at once gave 4.0 + 4.0 = 8.0 GFLOP/s at the start and 8.0 + 8.0 = 16.0 GFLOP/s at the end, against 10.0 for one alone", floor);
        Assert.EndsWith("Wall time 100.0 s = 4.0 × the floor.", floor);
    }

    [Fact]
    public void Given_a_table_with_both_concurrent_readings_When_written_and_read_back_Then_both_survive()
    {
        using var dir = new Repro.Tests.Shared.TempFolder();
        var t = Contended() with { ConcurrentMatmulAtEnd = new ConcurrentMatmulRate(2, 512, 9e9, [4.5e9, 4.5e9]) };
        AtomicFile.WriteAllText(dir["both.json"], t.ToJson());

        var back = StageTable.TryRead(dir["both.json"]);

        Assert.Equal(t.ConcurrentMatmul, back?.ConcurrentMatmul);
        Assert.Equal(t.ConcurrentMatmulAtEnd, back?.ConcurrentMatmulAtEnd);
        Assert.Equal(9e9, back?.AllCoresRate);
    }

    [Fact]
    public void Given_a_table_written_before_the_end_reading_When_read_Then_its_start_reading_alone_sets_the_floor()
    {
        using var dir = new Repro.Tests.Shared.TempFolder();
        var json = System.Text.Json.Nodes.JsonNode.Parse(Contended().ToJson())!.AsObject();
        Assert.True(json.Remove("concurrentMatmulAtEnd"));
        File.WriteAllText(dir["start-only.json"], json.ToJsonString());

        var back = StageTable.TryRead(dir["start-only.json"]);

        Assert.NotNull(back);
        Assert.Null(back.ConcurrentMatmulAtEnd);
        Assert.Equal(8e9, back.AllCoresRate);
        Assert.Equal(50, back.Summary().FloorSeconds, 9);
        Assert.DoesNotContain(back.SummaryLines(), l => l.Contains("at the end", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_table_written_before_the_concurrent_rate_When_read_Then_it_reads_with_the_older_floor_and_says_so()
    {
        using var dir = new Repro.Tests.Shared.TempFolder();
        var json = System.Text.Json.Nodes.JsonNode.Parse(Sample().ToJson())!.AsObject();
        json.Remove("concurrentMatmul");
        File.WriteAllText(dir["old.json"], json.ToJsonString());

        var back = StageTable.TryRead(dir["old.json"]);

        Assert.NotNull(back);
        Assert.Null(back.ConcurrentMatmul);
        Assert.False(back.FloorFromConcurrentRate);
        Assert.Equal(20e9, back.AllCoresRate);
        Assert.Contains(back.SummaryLines(), l => l.StartsWith("Floor: 20.0 s", StringComparison.Ordinal) && l.Contains("by the older rule", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_stage_When_set_against_the_matmul_rate_Then_it_uses_the_rate_at_its_own_thread_count()
    {
        var t = Sample();

        Assert.Equal(0.5, t.ShareOfMatmul(t.Stages[0]), 9);   // 5 GFLOP/s against 10 GFLOP/s on one thread
        Assert.True(double.IsNaN(t.ShareOfMatmul(t.Stages[3])));
    }

    [Fact]
    public void Given_a_table_When_written_as_json_and_read_back_Then_it_is_equal_and_a_damaged_file_reads_as_none()
    {
        using var dir = new Repro.Tests.Shared.TempFolder();
        var path = dir[StageTable.JsonName];
        var t = Sample();

        AtomicFile.WriteAllText(path, t.ToJson());
        var back = StageTable.TryRead(path);
        File.WriteAllText(dir["bad.json"], "{ not json");

        Assert.NotNull(back);
        Assert.Equal(t.Stages, back.Stages);
        Assert.Equal(t.MatmulRates, back.MatmulRates);
        Assert.Equal(t.Summary(), back.Summary());
        AtomicFile.WriteAllText(dir["concurrent.json"], Contended().ToJson());
        Assert.Equal(Contended().ConcurrentMatmul, StageTable.TryRead(dir["concurrent.json"])?.ConcurrentMatmul);
        Assert.Null(StageTable.TryRead(dir["bad.json"]));
        Assert.Null(StageTable.TryRead(dir["missing.json"]));
    }

    [Fact]
    public void Given_a_table_When_written_as_csv_Then_there_is_a_header_and_one_row_per_stage_with_commas_quoted()
    {
        var csv = Sample().ToCsv().TrimEnd('\n').Split('\n');

        Assert.Equal(6, csv.Length);
        Assert.StartsWith("name,kind,claim,threads,wall_s,thread_s,flops,gflop_per_s,share_of_matmul,detail", csv[0]);
        Assert.StartsWith("train MNIST-CNN-Adam-s2,Training,C3,1,60,58,300000000000,5,0.5,steps", csv[1]);
        Assert.StartsWith("\"attack MNIST FC-SGD s0 (20 ADEs, 1000 it)\",Attack", csv[3]);
    }

    [Fact]
    public void Given_a_table_When_put_in_words_Then_it_names_the_floor_multiple_core_use_overhead_and_what_was_reused()
    {
        var lines = Sample().SummaryLines();

        Assert.Contains(lines, l => l.StartsWith("Floor: 20.0 s", StringComparison.Ordinal) && l.Contains("= 5.0 × the floor", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Core use: 75%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Evaluation overhead:", StringComparison.Ordinal) && l.Contains("= 10.0%", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("claims C9 reused", StringComparison.Ordinal) && l.Contains("3 training(s) loaded from the weight cache", StringComparison.Ordinal));
    }
}
