using Repro.Experiments.Bench;

namespace Repro.Unit.Tests.Bench;

/// <summary>The benchmark's (g) rows, each CNN layout measurement with its ratio to the first row of its kind and thread count; its (h) step times; its (i) stacked attacks; its (j) attack step by layer.</summary>
public sealed class AttackBenchmarkRowsTests
{
    static AttackBenchmarkResult Result(IReadOnlyList<LayoutCell> layouts) => new()
    {
        Cpu = "test CPU", ProcessorCount = 2, Threads = 1, TorchSharp = "0.107.0", Date = DateTimeOffset.UnixEpoch, WallSeconds = 1,
        FcDescription = "FC", CnnDescription = "CNN", Throughput = [], AaiAdes = 1, AaiIterations = 1, AaiOneAtATimeSeconds = 2,
        AaiBatchedSeconds = 1, ZeroFeedClasses = 10, ZeroFeedIterations = 1, ZeroFeedRuns = [0.5], Training = [], MatmulSize = 8,
        MatmulFlopsPerSecond = 1e9, FcForwardFlops = 1, AttackIterationForwardPasses = 2, BestLargeFcCell = null, ThreadComparison = [],
        FasterThreads = 1, Layouts = layouts,
    };

    [Fact]
    public void Given_evaluation_and_training_layout_cells_When_the_rows_are_made_Then_each_later_cell_shows_its_speed_up_over_the_first_row_of_its_kind_and_chunk()
    {
        var rows = Result(
        [
            new("evaluate", "NCHW", 1000, 1, 1000, 4.0),
            new("evaluate", "NCHW", 32, 1, 1000, 2.0),
            new("evaluate", "NCHW, libtorch's NCHW max-pool", 32, 1, 1000, 3.0),
            new("train", "NCHW", 32, 1, 3200, 2.0),
            new("train", "channels-last weights", 32, 1, 3200, 4.0),
        ]).Rows().Where(r => r.Group == "g").ToArray();

        Assert.Equal(5, rows.Length);
        Assert.Equal("CNN evaluate, NCHW, 32 per pass, 1 thread(s)", rows[1].Measurement);
        Assert.Equal("500.0 images/s", rows[1].Value);
        // The first row at a chunk against the first of its kind (the chunk's effect); later rows against the first at their chunk.
        Assert.EndsWith("; 2.00× the first evaluate row", rows[1].Detail);
        Assert.EndsWith("; 0.67× the NCHW row at 32 per pass", rows[2].Detail);
        Assert.DoesNotContain("×", rows[0].Detail);
        Assert.DoesNotContain("×", rows[3].Detail);
        Assert.EndsWith("; 0.50× the NCHW row at 32 per pass", rows[4].Detail);
    }

    [Fact]
    public void Given_stacked_attack_cells_When_the_rows_are_made_Then_each_shows_the_speed_up_and_the_largest_difference()
    {
        var rows = (Result([]) with { StackedAttacks = [new("CNN", 4, 10, 2, 90, 1.5, 1.0, 1.2e-3)] }).Rows().Where(r => r.Group == "i").ToArray();

        var row = Assert.Single(rows);
        Assert.Equal("attack CNN, 4 networks × batch 10 stacked, 2 thread(s)", row.Measurement);
        Assert.Equal("1.50×", row.Value);
        Assert.Equal("90 iterations: 1.50 s one network after another, 1.00 s stacked; final images differ by ≤ 1.2e-3 of their largest magnitude", row.Detail);
    }

    [Fact]
    public void Given_small_batch_step_cells_When_the_rows_are_made_Then_each_shows_microseconds_per_step()
    {
        var rows = (Result([]) with { SmallBatchSteps = [new("FC", 6, 4000, 1, 0.5, 24000), new("CNN", 6, 200, 1, 0.8, 1200)] })
            .Rows().Where(r => r.Group == "h").ToArray();

        Assert.Equal(["attack step FC, batch 6", "attack step CNN, batch 6"], rows.Select(r => r.Measurement));
        Assert.Equal(["125.0 µs/step", "4000.0 µs/step"], rows.Select(r => r.Value));
        Assert.Equal("4000 steps in 0.50 s, 1 thread(s)", rows[0].Detail);
    }

    [Fact]
    public void Given_layer_cells_of_an_attack_step_When_the_rows_are_made_Then_each_shows_its_time_and_its_share_of_the_whole_step()
    {
        var rows = (Result([]) with { StepLayers = [new("CNN", "features.conv1", "20×1×28×28", 20, 40, 250, 2000, 8000)] })
            .Rows().Where(r => r.Group == "j").ToArray();

        var row = Assert.Single(rows);
        Assert.Equal("attack step CNN, batch 20, features.conv1 (20×1×28×28)", row.Measurement);
        Assert.Equal("2000 µs = 25 %", row.Value);
        Assert.Equal("forward 250 µs, with its input's gradient 2000 µs (40 times); the whole step 8000 µs, 1 thread", row.Detail);
    }
}
