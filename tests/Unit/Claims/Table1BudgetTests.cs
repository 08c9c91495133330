using Repro.Experiments.Claims;
using Repro.Experiments.Models;

namespace Repro.Unit.Tests.Claims;

/// <summary>When a Table 1 network counts as stopped by the profile's budget rather than by a fault.</summary>
public sealed class Table1BudgetTests
{
    static TrainingReport Report(bool reached, double epochs, double loss = 0.5) =>
        new(0.9, loss, 0.9, loss, 50_000, 2_000, epochs, 3_125, reached, 10, false, "key");

    static readonly TrainingSpec Spec = new() { Optimizer = OptimizerKind.Sgd, TargetAccuracy = 0.92, Seed = 0, MaxEpochs = 2 };

    [Fact]
    public void Given_a_training_that_ran_to_its_epoch_cap_short_of_its_target_When_judged_Then_the_budget_stopped_it() =>
        Assert.True(Table1Budget.Capped(Report(reached: false, epochs: 2), Spec));

    [Fact]
    public void Given_a_training_that_reached_its_target_or_stopped_early_or_diverged_When_judged_Then_the_budget_did_not_stop_it()
    {
        Assert.False(Table1Budget.Capped(Report(reached: true, epochs: 2), Spec));
        Assert.False(Table1Budget.Capped(Report(reached: false, epochs: 1.5), Spec));
        Assert.False(Table1Budget.Capped(Report(reached: false, epochs: 2, loss: double.NaN), Spec));
    }
}
