using Repro.Unit.Tests.Data;

namespace Repro.Unit.Tests.Cli;

/// <summary>A data directory you name is always checked, at start-up, whatever runs: also verbs that load no data.</summary>
public sealed class DataDirectoryStartupTests : IDisposable
{
    readonly TempFolder _dir = new();
    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("report")]
    [InlineData("claims")]
    public async Task Given_a_data_directory_holding_a_FIFO_When_any_verb_starts_Then_it_is_refused_in_one_line_before_the_verb_runs(string verb)
    {
        var data = Directory.CreateDirectory(_dir["data"]).FullName;
        var fifo = Path.Combine(data, "train-images-idx3-ubyte");
        SpecialFiles.MakeFifo(fifo);

        var run = await SpecialFiles.WithinSeconds(60, () => CliSettingsTests.Run(verb, "--data-dir", data, "--out", _dir["out"]));

        CliSettingsTests.AssertRefused(run, $"--data-dir: {fifo} is empty, or not a regular file (a FIFO or a device is not opened); " +
                                            "fix it, or drop the setting (--data-dir or REPRO_DATA_DIR)");
    }
}
