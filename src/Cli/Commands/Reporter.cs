namespace Repro.Cli.Commands;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (no synchronisation context, no reordering).</summary>
public sealed class Reporter<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
