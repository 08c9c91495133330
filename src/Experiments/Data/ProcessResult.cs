namespace Repro.Experiments.Data;

/// <summary>What a finished external program left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of stderr (else stdout), for one-line error messages.</summary>
    public string LastLine =>
        (StandardError + "\n" + StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("W:", StringComparison.Ordinal) && !l.StartsWith("npm notice", StringComparison.Ordinal))
            .LastOrDefault() ?? $"exit code {ExitCode}";
}
