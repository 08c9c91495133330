using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>Assertions that show the check, its per-seed values, interval, p and threshold.</summary>
public static class ClaimAssert
{
    /// <summary>
    /// The claim check is [Re]; or, where the suite has recorded that it is not (<see cref="KnownFindings"/>), it still has
    /// the recorded outcome, and the test is skipped with the numbers as its reason, so a green run never reads as [Re].
    /// A recorded outcome that changes fails; an unrecorded one that is not [Re] fails in the quick profile and is skipped with its
    /// numbers as a finding to record in the paper profile (<see cref="FindingPolicy"/>).
    /// </summary>
    public static Check Holds(ClaimResult result, string checkName)
    {
        var check = Find(result, checkName);
        Assert.Equal(CheckKind.Claim, check.Kind);
        string shown = $"{result.Id} [{result.Profile}] {check.Name}: {RecordBuilder.Describe(check)} → {VerdictText.Of(check.Outcome)}";
        // What the profile's budget prevented is neither [Re] nor a finding: skipped with the cap that stopped the network.
        if (check.Outcome == CheckOutcome.NotTested)
        {
            Assert.True(check.Note?.StartsWith(VerdictText.NotTestedText, StringComparison.Ordinal) == true && check.Note.Contains("epoch cap"),
                $"{shown}: a check not tested at this budget must name the epoch cap that stopped its network (note: {check.Note})");
            Assert.Skip($"{check.Note}; measured {RecordBuilder.Describe(check)}");
        }
        bool known = KnownFindings.IsFinding(result.Profile, result.Id, check.Name, out var recorded, out var why);
        switch (FindingPolicy.Decide(result.Profile, check.Outcome, known ? recorded : null))
        {
            case FindingAction.FailChanged:
                Assert.Fail($"{shown}; recorded as {VerdictText.Of(recorded)} ({why}): the outcome changed, update KnownFindings and the README");
                break;
            case FindingAction.SkipRecorded:
                Assert.Skip($"{VerdictText.Of(check.Outcome)} recorded finding: {RecordBuilder.Describe(check)} ({why})");
                break;
            case FindingAction.SkipToRecord:
                // The paper profile has never run to the end: its first outcomes are reported, to be recorded in KnownFindings.
                Assert.Skip($"{VerdictText.Of(check.Outcome)}, a finding to record (KnownFindings, profile '{result.Profile}'): {shown}");
                break;
            case FindingAction.FailUnrecorded:
                Assert.Fail(shown);
                break;
        }
        return check;
    }

    /// <summary>
    /// A sanity check holds on every seed; a failed one makes the run invalid, which is never a finding. A Table 1 precondition
    /// that only the profile's epoch cap kept from holding is not tested at this budget, and skipped with the seeds it names.
    /// </summary>
    public static void Sane(ClaimResult result, string checkName)
    {
        var check = Find(result, checkName);
        Assert.Equal(CheckKind.Sanity, check.Kind);
        if (check.Outcome == CheckOutcome.NotTested)
            Assert.Skip($"{VerdictText.NotTestedText}: {check.Note}, per seed {string.Join(", ", check.PerSeed)}");
        Assert.True(check.Outcome == CheckOutcome.Holds,
            $"{result.Id} sanity check '{check.Name}' fails: {RecordBuilder.Describe(check)}, per seed {string.Join(", ", check.PerSeed.Select(v => v.ToString("G4")))}");
    }

    /// <summary>A recorded value is in the record, one value per seed.</summary>
    public static void IsRecorded(ClaimResult result, string checkName)
    {
        var check = Find(result, checkName);
        Assert.Equal(CheckKind.Recorded, check.Kind);
        Assert.NotEmpty(check.PerSeed);
        Assert.Equal(check.Seeds.Count, check.PerSeed.Count);
    }

    private static Check Find(ClaimResult result, string checkName) =>
        result.Checks.SingleOrDefault(c => c.Name == checkName)
        ?? throw new Xunit.Sdk.XunitException($"{result.Id} has no check named '{checkName}' (registered in {ThresholdRegister.FileName}); it has: {string.Join(", ", result.Checks.Select(c => c.Name))}");

    /// <summary>The record is complete, every registered check is in it and every check in it is registered, and its verdict follows its checks.</summary>
    public static void IsComplete(ClaimResult r)
    {
        Assert.False(string.IsNullOrWhiteSpace(r.PaperWords));
        Assert.False(string.IsNullOrWhiteSpace(r.Section));
        Assert.NotEmpty(r.Seeds);
        Assert.NotEmpty(r.Checks);
        Assert.NotEmpty(r.Readings);
        Assert.True(r.Parameters.ContainsKey("profile"), "the resolved profile is saved with the result");
        Assert.True(r.WallSeconds > 0);
        var registered = ThresholdRegister.Embedded.Current.Where(e => e.Claim == r.Id).Select(e => e.Check).Order().ToList();
        Assert.Equal(registered, r.Checks.Select(c => c.Name).Order().ToList());
        foreach (var c in r.Checks) Assert.Null(ThresholdRegister.Embedded.Disagreement(r.Id, c));
        Verdict Expected(string analysis)
        {
            var claims = r.Checks.Where(c => c.Kind == CheckKind.Claim && c.Analysis == analysis).ToList();
            var tested = claims.Where(c => c.Outcome != CheckOutcome.NotTested).ToList();
            return r.Checks.Any(c => c.Outcome == CheckOutcome.Fails) ? Verdict.InvalidRun
                : claims.Count == 0 ? Verdict.Recorded
                : tested.Count == 0 ? Verdict.NotTested
                : tested.All(c => c.Outcome == CheckOutcome.Re) ? (tested.Count == claims.Count ? Verdict.Re : Verdict.ReWhereTested)
                : tested.Any(c => c.Outcome == CheckOutcome.NotRe) ? Verdict.NotRe : Verdict.Inconclusive;
        }
        // The claim's verdict is its primary analysis'; the exploratory re-readings have their own, or none.
        Assert.Equal(Expected(RegisterEntry.Primary), r.Verdict);
        bool exploratory = r.Checks.Any(c => c.Kind == CheckKind.Claim && c.Analysis == RegisterEntry.Exploratory);
        Assert.Equal(exploratory ? Expected(RegisterEntry.Exploratory) : null, r.ExploratoryVerdict);
        foreach (var c in r.Checks) Assert.Equal(ThresholdRegister.Embedded.CurrentOf(r.Id, c.Name)!.Analysis, c.Analysis);
    }
}
