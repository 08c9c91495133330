namespace Repro.Results;

/// <summary>A result file that is not a sound record: its message is one line naming the file and what is wrong.</summary>
public sealed class InvalidRecordException(string path, string problem, Exception? inner = null)
    : IOException($"{path} is not a valid result record: {problem}", inner)
{
    public string Path { get; } = path;
    /// <summary>The claim id the file name claims (C4 for C4.json).</summary>
    public string FileId { get; } = System.IO.Path.GetFileNameWithoutExtension(path);
    public string Problem { get; } = problem;
}
