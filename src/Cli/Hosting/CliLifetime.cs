using Microsoft.Extensions.Hosting;

namespace Repro.Cli.Hosting;

/// <summary>
/// Ctrl+C: the first press asks the running command to stop (its token is cancelled through
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>; the command then reports "interrupted; rerun to resume"
/// and exits 130); a second press ends the process at once. Every file is written atomically, so either is safe.
/// </summary>
public sealed class CliLifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    int _presses;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) > 1) return; // second press: let the runtime end the process
        e.Cancel = true;
        lifetime.StopApplication();
    }

    public void Dispose() => Console.CancelKeyPress -= OnCancelKeyPress;
}
