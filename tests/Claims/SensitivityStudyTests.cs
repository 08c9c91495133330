using Repro.Experiments.Sensitivity;
using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>
/// The sensitivity study (issue: how the verdicts depend on our readings). Its flips are recorded results, not claim
/// checks: these tests fail when a cell is missing or when the default row disagrees with the main claims, never on a flip.
/// </summary>
[Collection(ClaimsCollection.Name)]
[Trait("Claim", "Sensitivity")]
public sealed class SensitivityStudyTests(ClaimsFixture claims)
{
    public static TheoryData<string> Claims => new(SensitivityCatalogue.Claims);

    [Theory]
    [MemberData(nameof(Claims))]
    public void Given_the_sensitivity_study_When_a_claim_is_looked_up_Then_every_reading_that_touches_it_has_a_cell_with_checks(string claim)
    {
        var study = claims.Sensitivity;
        Assert.Empty(ResultSchema.Problems(study));
        SkipUnlessAtBudget(study, claim);
        var expected = SensitivityCatalogue.Alternatives.Where(a => a.Description.Claims.Contains(claim)).Select(a => a.Description.Key).ToList();
        var missing = expected.Where(k => !study.Cells.Any(c => c.Claim == claim && $"{c.Reading}: {c.Alternative}" == k)).ToList();
        Assert.True(missing.Count == 0, $"{claim}: the study has no cell for {string.Join("; ", missing)}");
        foreach (var cell in study.Cells.Where(c => c.Claim == claim))
        {
            Assert.NotEmpty(cell.Checks);
            Assert.True(cell.Checks.Where(c => c.Kind == CheckKind.Claim).All(c => c.Seeds.Count >= 3),
                $"{claim} under {cell.Reading}: {cell.Alternative}: a claim check has fewer than 3 seeds");
            Assert.True(cell.WallSeconds > 0);
        }
        Assert.Empty(ResultSchema.Problems(study));
    }

    /// <summary>
    /// The default row is the main claim restricted to the study's networks and seeds: every claim and sanity check has the
    /// main record's value on each of its seeds (bit for bit on the CPU, within <see cref="DeviceTolerance.SameGpu"/> on a GPU), and where it judges on the same seeds as the main record (C4b's CNNs) the
    /// same outcome when its family is as large. Pooled p-values and the verdict may differ only where the study has fewer seeds or
    /// a smaller family than the main claim.
    /// </summary>
    [Theory]
    [MemberData(nameof(Claims))]
    public void Given_the_sensitivity_study_When_its_default_row_is_compared_with_the_main_claim_Then_every_seed_has_the_same_value(string claim)
    {
        SkipUnlessAtBudget(claims.Sensitivity, claim);
        var main = claims.Get(claim);
        var cell = claims.Sensitivity.DefaultCell(claim) ?? throw new Xunit.Sdk.XunitException($"{claim}: the study has no default cell");
        // Exact on the CPU; on a GPU within DeviceTolerance.SameGpu, and outcomes and the verdict (which follow from the values) are
        // then compared only where every value of the check is the same bits.
        var tolerance = DeviceTolerance.For(claims.Context.Device.type.ToString());
        bool allSame = true;
        int compared = 0;
        foreach (var check in cell.Checks.Where(c => c.Kind is CheckKind.Claim or CheckKind.Sanity))
        {
            var m = main.Checks.SingleOrDefault(c => c.Name == check.Name)
                ?? throw new Xunit.Sdk.XunitException($"{claim}: the default row's check '{check.Name}' is not in the main record");
            bool sameBits = true;
            for (int i = 0; i < check.Seeds.Count; i++)
            {
                int at = m.Seeds.ToList().IndexOf(check.Seeds[i]);
                // C4b's judging seeds in the study are fresh: the main claims never use them.
                if (at < 0 && claim == "C4b") continue;
                Assert.True(at >= 0, $"{claim} '{check.Name}': seed {check.Seeds[i]} of the default row is not among the main record's seeds");
                Assert.True(tolerance.Agree(check.PerSeed[i], m.PerSeed[at]),
                    $"{claim} '{check.Name}' seed {check.Seeds[i]}: default row {check.PerSeed[i]:R}, main record {m.PerSeed[at]:R} (compared {tolerance})");
                if (!check.PerSeed[i].Equals(m.PerSeed[at])) sameBits = false;
                compared++;
            }
            allSame &= sameBits;
            // A family member's outcome depends on its family's size too (C4b's three networks here, twelve in the main record).
            if (sameBits && check.Seeds.SequenceEqual(m.Seeds) && check.FamilySize == m.FamilySize)
                Assert.True(check.Outcome == m.Outcome, $"{claim} '{check.Name}' on the same seeds: default row {check.Outcome}, main record {m.Outcome}");
        }
        Assert.True(compared > 0, $"{claim}: the default row has no claim or sanity check to compare");
        if (allSame && cell.Checks.Where(c => c.Kind == CheckKind.Claim).All(c => main.Checks.Single(m => m.Name == c.Name) is var m && m.Seeds.SequenceEqual(c.Seeds) && m.FamilySize == c.FamilySize))
            Assert.Equal(RestrictedVerdict(main, cell), cell.Verdict);
    }

    /// <summary>
    /// A claim the profile's budget leaves out of the study is 'not tested at this budget': the record must say so and hold no
    /// cell of it that this run made.
    /// </summary>
    private void SkipUnlessAtBudget(SensitivityRecord study, string claim)
    {
        if (study.AtBudget(claim)) return;
        var profile = claims.Context.Profile;
        Assert.True(profile.StudyClaims is { } s && !s.Contains(claim), $"{claim}: the record leaves it out of the study's budget, but the profile {profile.Name} runs it");
        Assert.DoesNotContain(study.Cells, c => c.Claim == claim);
        Assert.Skip($"not tested at this budget: the {profile.Name} profile's sensitivity study runs the cells of {string.Join(", ", profile.StudyClaims!)}; REPRO_STUDY=full runs {claim}'s");
    }

    /// <summary>The main record's verdict over the checks the cell has (the three-way rule of RecordBuilder).</summary>
    private static Verdict RestrictedVerdict(ClaimResult main, SensitivityCell cell) =>
        Repro.Experiments.Claims.RecordBuilder.PrimaryVerdictOf(main.Checks.Where(m => cell.Checks.Any(c => c.Name == m.Name)));
}
