namespace Repro.Experiments.Data;

/// <summary>Runs external programs (npm, apt-get, dpkg-deb). Tests replace it with a fake.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> (no shell) in <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">The program cannot be found or started.</exception>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);
}
