using System.Diagnostics;
using System.Text.Json.Nodes;
using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Results;
using Repro.Unit.Tests.Claims;

namespace Repro.Unit.Tests.Results;

/// <summary>A result record is believed only after its schema, id, profile and numbers check out.</summary>
public sealed class ResultRecordValidationTests : IDisposable
{
    readonly TempFolder _folder = new("repro-records-");
    string Root => _folder.Path;
    public void Dispose() => _folder.Dispose();

    string Results => ClaimContext.ResultsDirectory(Root, "quick");

    ClaimContext Context(List<string>? notices = null) => new(Profiles.Quick,
        new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(Root, "data"), ReadEnvironment = false }), Root,
        notices: notices is null ? null : new ListProgress<string>(notices));


    /// <summary>A sound record of <paramref name="id"/> written by the runner, as JSON to edit.</summary>
    JsonObject WrittenRecord(string id = "C1")
    {
        new ClaimRunner(Context()).Run([new CountingClaim(id)]);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(Results, id + ".json")))!.AsObject();
    }

    string Save(JsonObject record, string id = "C1")
    {
        var path = Path.Combine(Results, id + ".json");
        File.WriteAllText(path, record.ToJsonString());
        return path;
    }

    [Fact]
    public void Given_a_record_written_by_the_runner_When_read_Then_it_is_valid_and_stamped_with_the_current_schema()
    {
        var record = WrittenRecord();

        Assert.Equal(ResultSchema.CurrentVersion, (int)record["schemaVersion"]!);
        Assert.Equal("C1", ResultStore.Read(Path.Combine(Results, "C1.json")).Id);
    }

    [Theory]
    [InlineData("checks")]
    [InlineData("images")]
    [InlineData("metrics")]
    [InlineData("readings")]
    [InlineData("matrices")]
    [InlineData("seeds")]
    [InlineData("timings")]
    [InlineData("environment")]
    [InlineData("parameters")]
    [InlineData("table1")]
    public void Given_a_record_with_a_null_field_When_read_Then_one_line_names_the_file_and_the_field(string field)
    {
        var record = WrittenRecord();
        record[field] = null;
        var path = Save(record);

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.StartsWith($"{path} is not a valid result record: ", e.Message);
        Assert.Contains($"'{field}'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Given_a_record_whose_id_differs_from_its_file_name_When_read_Then_it_is_refused()
    {
        var record = WrittenRecord("C6");
        var path = Save(record, "C3");

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.Contains("its id 'C6' does not match the file name 'C3'", e.Message);
    }

    [Theory]
    [InlineData(null, "no schemaVersion (written by older code")]
    [InlineData(1, "its schemaVersion is 1")]
    [InlineData(99, "its schemaVersion is 99")]
    public void Given_a_record_of_another_schema_version_When_read_Then_it_is_recognised_as_such(int? version, string expected)
    {
        var record = WrittenRecord();
        if (version is null) record.Remove("schemaVersion"); else record["schemaVersion"] = version;
        var path = Save(record);

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Given_a_record_with_an_unknown_profile_or_a_non_finite_wall_time_When_read_Then_both_problems_are_named()
    {
        var record = WrittenRecord();
        record["profile"] = "fast";
        record["wallSeconds"] = "NaN";
        var path = Save(record);

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.Contains("its profile 'fast' is not one of quick, paper", e.Message);
        Assert.Contains("wallSeconds is NaN", e.Message);
    }

    [Fact]
    public void Given_a_check_that_reproduced_on_a_NaN_measurement_When_read_Then_it_is_refused()
    {
        var record = WrittenRecord();
        record["checks"]![0]!["mean"] = "NaN";
        var path = Save(record);

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.Contains("check 'c' passed on a measurement of NaN", e.Message);
    }

    [Fact]
    public void Given_a_check_with_fewer_values_than_seeds_When_read_Then_it_is_refused()
    {
        var record = WrittenRecord();
        record["checks"]![0]!["perSeed"]!.AsArray().RemoveAt(0);
        var path = Save(record);

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.Contains("check 'c' does not hold one value per seed", e.Message);
    }

    [Fact]
    public void Given_truncated_JSON_When_read_Then_one_line_names_the_file()
    {
        WrittenRecord();
        var path = Path.Combine(Results, "C1.json");
        File.WriteAllText(path, File.ReadAllText(path)[..40]);

        var e = Assert.Throws<InvalidRecordException>(() => ResultStore.Read(path));

        Assert.StartsWith($"{path} is not a valid result record: its JSON does not parse", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Given_one_sound_and_two_refused_files_When_all_are_read_checked_Then_each_refused_file_is_listed_by_name()
    {
        WrittenRecord("C1");
        var bad = WrittenRecord("C2");
        bad["checks"] = null;
        Save(bad, "C2");
        File.WriteAllText(Path.Combine(Results, "C3.json"), "{");

        var (valid, invalid) = new ResultStore(Results).ReadAllChecked();

        Assert.Equal(["C1"], valid.Select(r => r.Id));
        Assert.Equal(["C2", "C3"], invalid.Select(e => e.FileId));
    }

    [Fact]
    public void Given_a_record_copied_over_another_claims_file_When_resuming_Then_the_claim_runs_again_and_the_user_is_told_why()
    {
        var c3 = new CountingClaim("C3");
        new ClaimRunner(Context()).Run([c3]);
        var foreign = WrittenRecord("C6");
        Save(foreign, "C3");
        var notices = new List<string>();

        var results = new ClaimRunner(Context(notices)).Run([c3], resume: true);

        Assert.Equal(2, c3.Runs);
        Assert.Equal("C3", results.Single().Id);
        var notice = Assert.Single(notices);
        Assert.Contains("its id 'C6' does not match the file name 'C3'", notice);
        Assert.EndsWith("running C3 again.", notice);
        Assert.Equal("C3", ResultStore.Read(Path.Combine(Results, "C3.json")).Id);
    }

    [Fact]
    public void Given_the_profiles_a_record_may_name_When_compared_with_the_experiments_catalogue_Then_they_are_the_same()
    {
        Assert.Equal(Profiles.Names.Order(StringComparer.Ordinal), ResultSchema.Profiles.Order(StringComparer.Ordinal));
    }
}
