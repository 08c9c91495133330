namespace Repro.Results;

/// <summary>How a verdict is written wherever it is shown: the console table, the report, the CSV's readers.</summary>
public static class VerdictText
{
    public static string Of(Verdict v) => v switch
    {
        Verdict.Re => "[Re]",
        Verdict.NotRe => "[¬Re]",
        _ => "not run",
    };
}
