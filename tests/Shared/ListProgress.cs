namespace Repro.Tests.Shared;

/// <summary>An <see cref="IProgress{T}"/> that keeps every report, in order, in a list the test reads (notices, progress lines).</summary>
public sealed class ListProgress<T>(List<T> items) : IProgress<T>
{
    public void Report(T value)
    {
        lock (items) items.Add(value);
    }
}
