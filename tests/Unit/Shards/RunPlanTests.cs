using Repro.Experiments.Claims;
using Repro.Experiments.Sensitivity;
using Repro.Experiments.Shards;

namespace Repro.Unit.Tests.Shards;

/// <summary>
/// The plan of a split run: every unit once, longest first, the same shards from the same costs, and the dependencies kept
/// inside the units (a Table 1 network with its attacks; the claims that read the shared experiments whole left to the merge).
/// </summary>
public sealed class RunPlanTests
{
    /// <summary>Costs that tell units apart: CNNs and C2 long, the rest by name length.</summary>
    static double Cost(string unit) => unit.Contains("CNN", StringComparison.Ordinal) ? 60 : unit == "claim C2" ? 150 : unit.Length / 10.0;

    static RunPlan Reproduce(ProfileSettings? p = null) => RunPlan.Of(p ?? Profiles.Quick, ClaimCatalog.All, study: true, Cost);

    [Fact]
    public void Given_the_quick_reproduce_When_planned_Then_every_table1_network_every_independent_claim_and_every_cell_at_budget_is_a_unit()
    {
        var plan = Reproduce();
        var p = Profiles.Quick;

        var networks = plan.Units.Where(u => u.Kind == ShardUnitKind.Table1Network).ToList();
        Assert.Equal(Table1Networks.Jobs(p).Count, networks.Count);
        Assert.All(networks, u => Assert.True(u.Attacked, $"{u.Name}: C4a, C4b, C5 and C9 read the AP–PNC runs, so each network is attacked where it is trained"));
        Assert.Equal(Table1Networks.Jobs(p).Select(j => ShardUnit.NetworkName(j.Config, j.Seed)).Order(), networks.Select(u => u.Name).Order());

        Assert.Equal(["C1", "C10", "C6"], plan.Units.Where(u => u.Kind == ShardUnitKind.Claim).Select(u => u.ClaimId!).Order(StringComparer.Ordinal));
        // C2's work splits by seed: one unit per seed, each with its own expected time.
        var c2 = plan.Units.Where(u => u.Kind == ShardUnitKind.ClaimSeed).ToList();
        Assert.All(c2, u => Assert.Equal("C2", u.ClaimId));
        Assert.Equal(p.FcSeeds, c2.Select(u => u.Seed!.Value).Order());
        Assert.All(c2, u => Assert.Equal(Cost(u.Name), u.ExpectedSeconds, 9));
        Assert.Equal("claim C2 · seed 3", ShardUnit.ClaimSeedName("C2", 3));
        // The claims that read the shared experiments whole, and C7 and C8, whose timed and black-box attacks no cache keeps.
        Assert.Equal(["C3", "C4a", "C4b", "C5", "C7", "C8", "C9"], plan.MergeClaims.Order(StringComparer.Ordinal));

        var cells = SensitivityStudy.NamesOf(SensitivityCatalogue.Alternatives, p.StudyClaims);
        Assert.Equal(cells.Order(), plan.Units.Where(u => u.Kind == ShardUnitKind.Cells).SelectMany(u => u.Cells).Order());
        Assert.Equal(plan.Units.Count, plan.Units.Select(u => u.Name).Distinct().Count());
    }

    [Fact]
    public void Given_the_full_study_When_planned_Then_C4b_cells_are_one_unit_since_each_judges_the_feed_its_default_cell_chose()
    {
        var plan = Reproduce(Profiles.Quick with { StudyClaims = null });
        var c4b = Assert.Single(plan.Units, u => u.Cells.Any(c => c.EndsWith("· C4b", StringComparison.Ordinal)));
        Assert.Equal(RunPlan.C4bCellsUnit, c4b.Name);
        Assert.All(c4b.Cells, c => Assert.EndsWith("· C4b", c));
        Assert.Equal(c4b.Cells.Sum(c => Cost(RunPlan.CellUnit(c))), c4b.ExpectedSeconds, 9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(200)]
    public void Given_a_plan_When_packed_into_N_shards_Then_every_unit_is_in_exactly_one_shard_and_packing_again_gives_the_same_shards(int n)
    {
        var plan = Reproduce();
        var shards = plan.Pack(n);

        Assert.Equal(n, shards.Count);
        Assert.Equal(Enumerable.Range(1, n), shards.Select(s => s.Index));
        Assert.All(shards, s => Assert.Equal(n, s.Count));
        Assert.Equal(plan.Units.Select(u => u.Name).Order(), shards.SelectMany(s => s.Units).Select(u => u.Name).Order());
        var again = Reproduce().Pack(n);
        Assert.Equal(shards.Select(s => s.Units.Select(u => u.Name).ToList()), again.Select(s => s.Units.Select(u => u.Name).ToList()));
        Assert.Equal(shards[n - 1].Units.Select(u => u.Name), plan.ShardOf(new ShardIndex(n, n)).Units.Select(u => u.Name));
    }

    [Fact]
    public void Given_longest_first_packing_When_three_shards_are_made_Then_they_differ_by_at_most_the_longest_unit_and_each_runs_its_longest_first()
    {
        var plan = Reproduce();
        var shards = plan.Pack(3);
        double longest = plan.Units.Max(u => u.ExpectedSeconds);

        Assert.Equal(plan.Units.Select(u => u.ExpectedSeconds).OrderDescending(), plan.Units.Select(u => u.ExpectedSeconds));
        Assert.True(shards.Max(s => s.ExpectedSeconds) - shards.Min(s => s.ExpectedSeconds) <= longest,
            $"loads {string.Join(", ", shards.Select(s => s.ExpectedSeconds))} differ by more than the longest unit ({longest} s)");
        Assert.All(shards, s => Assert.Equal(s.Units.Select(u => u.ExpectedSeconds).OrderDescending(), s.Units.Select(u => u.ExpectedSeconds)));
        Assert.Equal(plan.Units.Sum(u => u.ExpectedSeconds), shards.Sum(s => s.ExpectedSeconds), 6);
    }

    [Fact]
    public void Given_claims_only_C3_When_planned_Then_the_networks_are_trained_but_not_attacked_and_C3_is_left_to_the_merge()
    {
        var plan = RunPlan.Of(Profiles.Quick, ClaimCatalog.Select("C3"), study: false, Cost);
        Assert.All(plan.Units, u => Assert.Equal(ShardUnitKind.Table1Network, u.Kind));
        Assert.All(plan.Units, u => Assert.False(u.Attacked, u.Name));
        Assert.Equal(["C3"], plan.MergeClaims);
        Assert.False(plan.Study);
    }

    [Fact]
    public void Given_claims_only_C1_and_C6_When_planned_Then_two_claim_units_no_networks_no_cells_and_nothing_for_the_merge_to_compute()
    {
        var plan = RunPlan.Of(Profiles.Quick, ClaimCatalog.Select("C1,C6"), study: false, Cost);
        Assert.Equal(["claim C1", "claim C6"], plan.Units.Select(u => u.Name).Order(StringComparer.Ordinal));
        Assert.Empty(plan.MergeClaims);
        var two = plan.Pack(2);
        Assert.All(two, s => Assert.Single(s.Units));
        Assert.Empty(plan.Pack(3)[2].Units);
    }

    [Fact]
    public void Given_claims_named_in_another_order_When_planned_Then_the_plan_and_its_fingerprint_are_the_same()
    {
        var a = RunPlan.Of(Profiles.Quick, ClaimCatalog.Select("C1,C6,C2"), study: false, _ => 5);
        var b = RunPlan.Of(Profiles.Quick, ClaimCatalog.Select("C6,C2,C1"), study: false, _ => 5);
        Assert.Equal(a.Units.Select(u => u.Name), b.Units.Select(u => u.Name));
        Assert.Equal(a.Fingerprint(2), b.Fingerprint(2));
        Assert.NotEqual(a.Fingerprint(2), a.Fingerprint(3));
        Assert.NotEqual(a.Fingerprint(2), RunPlan.Of(Profiles.Quick, ClaimCatalog.Select("C1,C6"), study: false, _ => 5).Fingerprint(2));
    }

    [Fact]
    public void Given_claims_only_C2_When_planned_into_five_shards_Then_each_shard_computes_one_of_its_seeds()
    {
        var plan = RunPlan.Of(Profiles.Quick, ClaimCatalog.Select("C2"), study: false, Cost);
        var shards = plan.Pack(5);
        Assert.All(shards, s => Assert.Equal(ShardUnitKind.ClaimSeed, Assert.Single(s.Units).Kind));
        Assert.Equal(Profiles.Quick.FcSeeds, shards.Select(s => s.Units[0].Seed!.Value).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Given_a_count_outside_1_to_1000_When_packed_Then_it_is_refused(int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Reproduce().Pack(n));
}
