namespace Repro.Results;

/// <summary>How a verdict or a check's outcome is written wherever it is shown: the console table, the report, the CSV's readers.</summary>
public static class VerdictText
{
    public const string NotTestedText = "not tested at this budget";

    public static string Of(Verdict v) => v switch
    {
        Verdict.Re => "[Re]",
        Verdict.NotRe => "[¬Re]",
        Verdict.Inconclusive => "inconclusive",
        Verdict.InvalidRun => "invalid run",
        Verdict.Recorded => "recorded",
        Verdict.ReWhereTested => "[Re] where tested",
        Verdict.NotTested => NotTestedText,
        _ => "not run",
    };

    public static string Of(CheckOutcome o) => o switch
    {
        CheckOutcome.Re => "[Re]",
        CheckOutcome.NotRe => "[¬Re]",
        CheckOutcome.Inconclusive => "inconclusive",
        CheckOutcome.Holds => "holds",
        CheckOutcome.Fails => "FAILS",
        CheckOutcome.NotTested => NotTestedText,
        _ => "recorded",
    };
}
