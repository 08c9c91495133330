using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Repro.Cli.Commands;

namespace Repro.Cli.Hosting;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM: the first signal asks the running command to stop (its token is cancelled through
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>; the command then reports "interrupted; rerun to resume"
/// and exits 130 for SIGINT, 143 for SIGTERM); a second Ctrl+C ends the process at once. Every file is written
/// atomically, so either is safe.
/// </summary>
public sealed class CliLifetime(IHostApplicationLifetime lifetime, ShutdownSignal signal) : IHostLifetime, IDisposable
{
    int _presses;
    PosixSignalRegistration? _sigterm;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        if (!OperatingSystem.IsWindows())
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true; // the command stops itself and exits 143
                Stop(ExitCodes.Terminated);
            });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) > 1) return; // second press: let the runtime end the process
        e.Cancel = true;
        Stop(ExitCodes.Interrupted);
    }

    void Stop(int exitCode)
    {
        signal.Received(exitCode);
        lifetime.StopApplication();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
    }
}
