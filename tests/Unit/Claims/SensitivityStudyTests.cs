using Repro.Experiments.Claims;
using Repro.Experiments.Data;
using Repro.Experiments.Sensitivity;
using Repro.Results;

namespace Repro.Unit.Tests.Claims;

/// <summary>The sensitivity study's catalogue, and its record: written after every cell, resumed only when verified.</summary>
public sealed class SensitivityStudyTests : IDisposable
{
    readonly TempFolder _folder = new("repro-sensitivity-");
    string Root => _folder.Path;
    readonly List<string> _notices = [];
    public void Dispose() => _folder.Dispose();

    ClaimContext Context() => new(Profiles.Quick,
        new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(Root, "data"), ReadEnvironment = false }), Root,
        notices: new ListProgress<string>(_notices));


    /// <summary>C6 alone (the dummy datasets need no download): the default row and the geometry alternative.</summary>
    static IReadOnlyList<ReadingAlternative> C6Only() =>
        SensitivityCatalogue.Alternatives.Where(a => a.Description.IsDefault || a.Description.Reading == "overlappingGeometry")
            .Select(a => a with { Description = a.Description with { Claims = ["C6"] } }).ToList();

    [Fact]
    public void Given_the_catalogue_When_it_is_read_Then_the_default_row_comes_first_and_touches_every_claim_and_each_alternative_is_named_once()
    {
        var alternatives = SensitivityCatalogue.Alternatives.Select(a => a.Description).ToList();
        Assert.True(alternatives[0].IsDefault);
        Assert.Equal(SensitivityCatalogue.Claims, alternatives[0].Claims);
        Assert.Equal(alternatives.Count, alternatives.Select(a => a.Key).Distinct().Count());
        Assert.All(alternatives.Skip(1), a =>
        {
            Assert.False(a.IsDefault);
            Assert.NotEmpty(a.Claims);
            Assert.All(a.Claims, c => Assert.Contains(c, SensitivityCatalogue.Claims));
            Assert.NotEmpty(a.Settings);
            Assert.False(string.IsNullOrWhiteSpace(a.Justification));
        });
        foreach (var a in SensitivityCatalogue.Alternatives.Skip(1))
            Assert.NotEqual(Profiles.Quick, a.Apply(Profiles.Quick));
    }

    [Fact]
    public void Given_the_quick_profile_When_the_study_profile_is_made_Then_every_cell_has_three_judging_seeds()
    {
        var study = SensitivityCatalogue.StudyProfile(Profiles.Quick);
        Assert.Equal(3, study.FcSeeds.Length);
        Assert.Equal(3, study.DummySeeds.Length);
        Assert.Equal(4, study.CnnSeeds.Length); // the first chooses C4b's feed
        // The first is the main run's choosing seed; the three that judge are seeds the main claims never use.
        Assert.Equal(Profiles.Quick.CnnSeeds[0], study.CnnSeeds[0]);
        Assert.Empty(study.CnnSeeds.Skip(1).Intersect(Profiles.Quick.CnnSeeds));
        var c4b = SensitivityCatalogue.CellProfile(study, SensitivityCatalogue.Alternatives[0], "C4b");
        Assert.Equal(SensitivityCatalogue.C4bNetworks, c4b.Table1Configurations.Select(c => c.Label));
        Assert.Equal(SensitivityCatalogue.C4aNetworks, SensitivityCatalogue.CellProfile(study, SensitivityCatalogue.Alternatives[0], "C4a").Table1Configurations.Select(c => c.Label));
        Assert.Null(c4b.FixedFeeds); // the default cell chooses C4b's feeds itself, as the main claim does
        var jitter = SensitivityCatalogue.Alternatives.Single(a => a.Description.Reading == "zeroFeedJitter");
        Assert.Throws<InvalidOperationException>(() => SensitivityCatalogue.CellProfile(study, jitter, "C4b"));
        var feeds = SensitivityCatalogue.C4bNetworks.ToDictionary(n => n, _ => Repro.Experiments.Perturbations.Feed.Zero);
        Assert.Same(feeds, SensitivityCatalogue.CellProfile(study, jitter, "C4b", feeds).FixedFeeds);
    }

    [Fact]
    public void Given_a_profile_naming_no_Table1_network_When_it_is_validated_Then_it_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => (Profiles.Quick with { Table1Only = ["MNIST MLP-SGD"] }).Validate());
        Assert.Contains("Table1Only", e.Message);
    }

    [Fact]
    public void Given_a_C6_study_When_it_runs_and_runs_again_with_resume_Then_the_cells_are_written_and_reused_not_rerun()
    {
        var study = new SensitivityStudy(Context(), C6Only());
        var first = study.Run(resume: false);
        Assert.True(first.Complete);
        Assert.Empty(ResultSchema.Problems(first)); // the record returned is as sound as the one written
        Assert.Equal(2, first.Cells.Count);
        Assert.All(first.Cells, c => Assert.NotEmpty(c.Checks));
        var geometry = first.Cell("overlappingGeometry", "3×3 squares one pixel in", "C6")!;
        Assert.DoesNotContain(geometry.Checks, c => c.Name.StartsWith("shifted 3×3 reading", StringComparison.Ordinal));
        Assert.Contains(first.DefaultCell("C6")!.Checks, c => c.Name.StartsWith("shifted 3×3 reading", StringComparison.Ordinal));

        var again = new SensitivityStudy(Context(), C6Only()).Run(resume: true);
        Assert.Equal(first.Cells.Select(c => c.WallSeconds), again.Cells.Select(c => c.WallSeconds));
        Assert.Empty(_notices);
    }

    [Fact]
    public void Given_the_profiles_When_the_study_extent_is_applied_Then_quick_leaves_C2_and_C4b_to_full_and_paper_runs_every_cell()
    {
        Assert.Equal(["C1", "C4a", "C6"], Profiles.Quick.StudyClaims);
        Assert.Null(Profiles.Paper.StudyClaims);
        Assert.Same(Profiles.Quick, Profiles.WithStudy(Profiles.Quick, "budget"));
        Assert.Null(Profiles.WithStudy(Profiles.Quick, " FULL ").StudyClaims);
        var e = Assert.Throws<ArgumentException>(() => Profiles.WithStudy(Profiles.Quick, "half"));
        Assert.Contains("use budget or full", e.Message);
        Assert.Contains("StudyClaims", Assert.Throws<ArgumentException>(() => (Profiles.Quick with { StudyClaims = ["C3"] }).Validate()).Message);
        Assert.Contains(Profiles.Quick.Reductions, r => r.Contains("not tested at this budget", StringComparison.Ordinal) && r.Contains("--study full", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_budget_that_leaves_C6_out_When_the_study_runs_and_then_runs_full_Then_C6_waits_for_the_full_study_whose_cells_a_budget_run_keeps()
    {
        var budget = Context().WithProfile(Profiles.Quick with { StudyClaims = ["C1"] });
        var none = new SensitivityStudy(budget, C6Only()).Run(resume: false);
        Assert.Empty(none.Cells);
        Assert.Equal(["C1"], none.ClaimsAtBudget);
        Assert.False(none.AtBudget("C6"));
        Assert.True(none.Complete); // nothing is missing at this budget
        Assert.Empty(ResultSchema.Problems(none));

        var full = new SensitivityStudy(Context().WithProfile(Profiles.WithStudy(Profiles.Quick, "full")), C6Only()).Run(resume: true);
        Assert.Equal(2, full.Cells.Count);
        Assert.Null(full.ClaimsAtBudget);
        var again = new SensitivityStudy(budget, C6Only()).Run(resume: true);
        Assert.Equal(full.Cells.Select(c => c.WallSeconds), again.Cells.Select(c => c.WallSeconds)); // kept, not rerun, not dropped
        // Nor does another job count throw them away: it changes no cell.
        var otherJobs = new SensitivityStudy(Context().WithProfile(Profiles.Quick with { Parallelism = 5 }), C6Only()).Run(resume: true);
        Assert.Equal(full.Cells.Select(c => c.WallSeconds), otherJobs.Cells.Select(c => c.WallSeconds));
        Assert.Empty(_notices);
    }

    [Fact]
    public void Given_a_damaged_sensitivity_record_When_the_study_resumes_Then_it_says_so_in_one_line_and_runs_every_cell_again()
    {
        var ctx = Context();
        Directory.CreateDirectory(ctx.Results.Directory);
        File.WriteAllText(ctx.Results.SensitivityPath, "{ \"profile\": \"quick\", \"cells\": [");
        var record = new SensitivityStudy(ctx, C6Only()).Run(resume: true);
        Assert.Equal(2, record.Cells.Count);
        var notice = Assert.Single(_notices);
        Assert.Contains(SensitivityRecord.FileName, notice);
        Assert.Contains("running the sensitivity study again", notice);
        Assert.NotNull(ctx.Results.TryReadSensitivity());
    }

    [Fact]
    public void Given_a_sensitivity_record_in_the_results_folder_When_the_claim_records_are_read_Then_it_is_not_taken_for_one()
    {
        var ctx = Context();
        new SensitivityStudy(ctx, C6Only()).Run(resume: false);
        var (valid, invalid) = ctx.Results.ReadAllChecked();
        Assert.Empty(invalid);
        Assert.Empty(valid);
        Assert.DoesNotContain("sensitivity", ctx.Results.FileHashes().Keys);
    }

    sealed class CancelAfterFirstCell(CancellationTokenSource cts) : IProgress<ClaimProgress>
    {
        public void Report(ClaimProgress value) { if (value.Stage == "done") cts.Cancel(); }
    }

    [Fact]
    public void Given_a_finished_study_When_a_study_of_other_parameters_is_stopped_after_one_cell_Then_the_finished_record_stays_and_the_new_one_resumes_beside_it_and_replaces_it_when_complete()
    {
        var finished = new SensitivityStudy(Context(), C6Only()).Run(resume: false);
        var before = File.ReadAllBytes(Context().Results.SensitivityPath);
        var other = Profiles.Quick with { NoiseSigma = 0.31 };

        using var cts = new CancellationTokenSource();
        var stopping = new ClaimContext(other, new DatasetStore(new DatasetStoreOptions { CacheDirectory = Path.Combine(Root, "data"), ReadEnvironment = false }), Root,
            progress: new CancelAfterFirstCell(cts), cancel: cts.Token, notices: new ListProgress<string>(_notices));
        Assert.ThrowsAny<OperationCanceledException>(() => new SensitivityStudy(stopping, C6Only()).Run(resume: true));

        // The finished study is untouched; the stopped one's cell waits beside it.
        Assert.Equal(before, File.ReadAllBytes(Context().Results.SensitivityPath));
        var partial = Context().Results.TryReadPartialSensitivity();
        Assert.NotNull(partial);
        Assert.Single(partial.Cells);
        Assert.Empty(Context().Results.ReadAllChecked().Invalid); // the partial file is not taken for a claim record

        var resumed = new SensitivityStudy(Context().WithProfile(other), C6Only()).Run(resume: true);
        Assert.Equal(2, resumed.Cells.Count);
        Assert.Equal(partial.Cells[0].WallSeconds, resumed.Cells[0].WallSeconds); // resumed from the partial file, not rerun
        Assert.False(File.Exists(Context().Results.PartialSensitivityPath));
        Assert.Equal(0.31, (double)Context().Results.TryReadSensitivity()!.Parameters["studyProfile"]!["NoiseSigma"]!);
        Assert.NotEqual(finished.Parameters.ToJsonString(), resumed.Parameters.ToJsonString());
    }
}
