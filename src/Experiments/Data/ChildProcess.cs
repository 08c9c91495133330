namespace Repro.Experiments.Data;

/// <summary>Runs npm, apt-get or dpkg-deb for a source; a program that is not installed is one line of advice.</summary>
static class ChildProcess
{
    public static async Task<ProcessResult> RunAsync(IProcessRunner runner, string program, IReadOnlyList<string> args, string workingDirectory,
        string notFoundMessage, CancellationToken ct)
    {
        try
        {
            return await runner.RunAsync(program, args, workingDirectory, ct).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new DatasetFetchException(notFoundMessage, e);
        }
    }
}
