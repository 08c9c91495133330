using System.Text.Json.Nodes;
using Repro.Report;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>
/// A record is believed only when it agrees with itself and with the register: every outcome follows from its check's numbers, the
/// verdict from the outcomes, a sensitivity cell's verdict from its checks; sizes, labels and values are sound. Each case edits one
/// field of a fixture record, as a forger or a damaged disk would.
/// </summary>
public sealed class RecordConsistencyTests : IDisposable
{
    readonly TempFolder _dir = new("repro-consistency-");
    public void Dispose() => _dir.Dispose();

    static JsonObject Fixture(string id) => JsonNode.Parse(File.ReadAllText(Path.Combine(Tests.Fixture.ResultsDir, id + ".json")))!.AsObject();

    static JsonObject CheckOf(JsonObject record, string name) => record["checks"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string?)c["name"] == name);

    string Save(JsonObject record, string name)
    {
        var path = Path.Combine(_dir.Path, name + ".json");
        File.WriteAllText(path, record.ToJsonString());
        return path;
    }

    /// <summary>The one-line refusal of the record saved under <paramref name="name"/>, read as the report reads (with the register).</summary>
    string Refusal(JsonObject record, string name)
    {
        var path = Save(record, name);
        var (valid, invalid) = new ResultStore(_dir.Path, ThresholdRegister.Embedded).ReadAllChecked();
        Assert.Empty(valid);
        var e = Assert.Single(invalid);
        Assert.StartsWith($"{path} is not a valid result record: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void Given_every_fixture_record_and_the_study_When_read_against_the_register_Then_each_agrees_with_itself_and_the_register()
    {
        var (valid, invalid) = new ResultStore(Tests.Fixture.ResultsDir, ThresholdRegister.Embedded).ReadAllChecked();
        Assert.Empty(invalid);
        Assert.Equal(11, valid.Count);
        Assert.NotNull(new ResultStore(Tests.Fixture.ResultsDir).TryReadSensitivity());
    }

    [Fact]
    public void Given_a_C6_record_whose_verdict_was_edited_to_Re_When_read_Then_it_is_refused_because_its_checks_give_inconclusive()
    {
        var c6 = Fixture("C6");
        c6["verdict"] = "Re";
        Assert.Contains("its verdict is Re where its checks give Inconclusive", Refusal(c6, "C6"));
    }

    [Fact]
    public void Given_a_check_marked_Re_whose_interval_crosses_its_threshold_When_read_Then_it_is_refused()
    {
        var c6 = Fixture("C6");
        CheckOf(c6, "overlapping: AP carries the PNC's contrast")["outcome"] = "Re";
        Assert.Contains("check 'overlapping: AP carries the PNC's contrast' says Re where its own numbers give Inconclusive", Refusal(c6, "C6"));
    }

    [Fact]
    public void Given_a_check_whose_threshold_disagrees_with_the_register_When_the_report_reads_it_Then_it_is_refused()
    {
        // The register's tiling bar is 0.9; a record judged at 0.95 is not the register's judgement (nor, the other way, is a bar moved since).
        var c6 = Fixture("C6");
        var tiling = CheckOf(c6, "tiling: AP replicates class");
        tiling["threshold"] = 0.95;
        tiling["outcome"] = "Inconclusive";
        c6["verdict"] = "Inconclusive";
        Assert.Contains("it disagrees with the register now (C6 check 'tiling: AP replicates class' has threshold 0.95 in code but 0.9", Refusal(c6, "C6"));
    }

    [Fact]
    public void Given_an_infinity_among_a_claim_checks_per_seed_values_When_read_Then_it_is_refused()
    {
        var c6 = Fixture("C6");
        CheckOf(c6, "tiling: AP replicates class")["perSeed"]!.AsArray()[0] = "Infinity";
        Assert.Contains("check 'tiling: AP replicates class' has an infinite per-seed value", Refusal(c6, "C6"));
    }

    [Fact]
    public void Given_an_image_of_65536_by_65536_When_read_Then_it_is_refused_without_its_size_wrapping_round()
    {
        // 65536 × 65536 is 2^32, which wraps to 0 in 32 bits and would then match a blank (pixel-less) panel.
        var c6 = Fixture("C6");
        var image = c6["images"]!.AsArray()[0]!.AsObject();
        image["height"] = 65536;
        image["width"] = 65536;
        image["pixels"] = null;
        Assert.Contains("is 65536 × 65536, not between 1 × 1 and 16777216 pixels", Refusal(c6, "C6"));
    }

    [Fact]
    public void Given_a_matrix_with_null_labels_When_read_Then_it_is_refused_rather_than_crashing_the_report()
    {
        var c6 = Fixture("C6");
        c6["matrices"]!.AsArray()[0]!["rowLabels"] = null;
        Assert.Contains("lacks its figure, summary or a row or column label", Refusal(c6, "C6"));
    }

    [Fact]
    public void Given_a_stray_record_of_a_claim_the_register_does_not_know_When_the_report_reads_it_Then_it_is_refused_not_counted_as_a_claim()
    {
        var stray = Fixture("C7");
        stray["id"] = "X";
        Assert.Contains("'X' is no claim of threshold-register.tsv", Refusal(stray, "X"));
    }

    [Fact]
    public void Given_an_empty_record_file_When_read_Then_it_is_refused_as_empty_without_being_parsed()
    {
        var path = Path.Combine(_dir.Path, "C6.json");
        File.WriteAllText(path, "");
        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));
        Assert.Contains("it is empty, or not a regular file (a FIFO or a device is not opened)", e.Message);
    }

    [Fact]
    public async Task Given_a_FIFO_named_like_a_record_When_the_folder_is_read_Then_it_is_refused_at_once_and_never_opened()
    {
        var path = Path.Combine(_dir.Path, "C6.json");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])) mkfifo.WaitForExit();
        Assert.True(File.Exists(path), "mkfifo made no FIFO");
        // Opening a FIFO for reading blocks until a writer comes: a read that opened it would hang this test, not fail it.
        var read = Task.Run(() => new ResultStore(_dir.Path, ThresholdRegister.Embedded).ReadAllChecked(), TestContext.Current.CancellationToken);
        var (_, invalid) = await read.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Contains("not a regular file", Assert.Single(invalid).Message);
    }

    [Fact]
    public void Given_a_sensitivity_cell_whose_verdict_was_edited_When_read_Then_the_study_is_refused_and_no_flip_is_reported()
    {
        var study = JsonNode.Parse(File.ReadAllText(Path.Combine(Tests.Fixture.ResultsDir, SensitivityRecord.FileName)))!.AsObject();
        var cell = study["cells"]!.AsArray().Select(c => c!.AsObject())
            .First(c => (string?)c["reading"] == "attackLoss" && (string?)c["claim"] == "C1");
        Assert.Equal("Inconclusive", (string?)cell["verdict"]);
        cell["verdict"] = "NotRe";
        File.WriteAllText(Path.Combine(_dir.Path, SensitivityRecord.FileName), study.ToJsonString());

        var e = Assert.Throws<InvalidRecordException>(() => new ResultStore(_dir.Path).TryReadSensitivity());
        Assert.Contains("cell attackLoss/summed squared error/C1 says NotRe where its checks give Inconclusive", e.Message);
    }

    [Fact]
    public void Given_a_refused_record_that_cannot_be_read_When_records_are_hashed_Then_it_is_left_out_and_nothing_throws()
    {
        File.Copy(Path.Combine(Tests.Fixture.ResultsDir, "C7.json"), Path.Combine(_dir.Path, "C7.json"));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "C6.json"), Path.Combine(_dir.Path, "C6.json")); // a symlink loop
        var store = new ResultStore(_dir.Path, ThresholdRegister.Embedded);

        var (valid, invalid) = store.ReadAllChecked();
        var hashes = store.FileHashes();

        Assert.Equal(["C7"], valid.Select(r => r.Id));
        Assert.Contains("C6.json", Assert.Single(invalid).Message);
        Assert.Equal(["C7"], hashes.Keys);
    }
}
