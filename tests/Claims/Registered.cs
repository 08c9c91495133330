using Repro.Results;

namespace Repro.Claims.Tests;

/// <summary>Test cases from the threshold register: every current check of a claim, of one kind, becomes a case.</summary>
public static class Registered
{
    public static TheoryData<string> Checks(string claim, string kind)
    {
        var data = new TheoryData<string>();
        foreach (var e in ThresholdRegister.Embedded.Current.Where(e => e.Claim == claim && e.Kind == kind)) data.Add(e.Check);
        return data;
    }

    public static TheoryData<string> ClaimChecks(string claim) => Checks(claim, "claim");
    public static TheoryData<string> SanityChecks(string claim) => Checks(claim, "sanity");
    public static TheoryData<string> RecordedValues(string claim) => Checks(claim, "recorded");
}
