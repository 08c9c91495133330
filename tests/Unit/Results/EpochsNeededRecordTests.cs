using Repro.Results;

namespace Repro.Unit.Tests.Results;

/// <summary>The epoch budget's record (<c>repro budget</c>): written and read back checked, refused when unsound, never taken for a claim.</summary>
public sealed class EpochsNeededRecordTests
{
    static EpochsNeededRecord Record(double epochs = 6.5, double accuracy = 0.841) => new()
    {
        Profile = "quick", MaxEpochs = 20, WallSeconds = 12,
        Rows = [new EpochsNeededRow("F-MNIST CNN-SGD", 0, 0.84, 2, true, epochs, accuracy, 120)],
        Environment = new EnvironmentInfo("linux", "cpu", "cpu", "10.0", "0.107.0", "2.10.0", 1, "abc", DateTimeOffset.UnixEpoch),
    };

    [Fact]
    public void Given_a_sound_record_When_written_and_read_Then_it_comes_back_and_is_not_counted_as_a_claim_record()
    {
        using var dir = new TempFolder();
        var store = new ResultStore(dir.Path);
        store.Write(Record());
        var back = store.TryReadEpochsNeeded();
        Assert.NotNull(back);
        Assert.Equal(ResultSchema.CurrentVersion, back.SchemaVersion);
        Assert.Equal(Record().Rows, back.Rows);
        Assert.Empty(store.ReadAll());
        Assert.Empty(store.FileHashes());
    }

    [Theory]
    [InlineData(25, 0.84)]
    [InlineData(6.5, 1.5)]
    [InlineData(double.NaN, 0.84)]
    public void Given_a_row_with_epochs_past_the_limit_or_an_accuracy_outside_0_to_1_When_read_Then_it_is_refused_naming_the_file(double epochs, double accuracy)
    {
        using var dir = new TempFolder();
        var store = new ResultStore(dir.Path);
        store.Write(Record(epochs, accuracy));
        var e = Assert.Throws<InvalidRecordException>(store.TryReadEpochsNeeded);
        Assert.Contains(EpochsNeededRecord.FileName, e.Message);
    }
}
