namespace Repro.Cli.Hosting;

/// <summary>Which signal asked the command to stop, as the exit code it maps to (130 SIGINT, 143 SIGTERM); null when none.</summary>
public sealed class ShutdownSignal
{
    int _exitCode;

    public int? ExitCode => _exitCode == 0 ? null : _exitCode;

    /// <summary>The first signal wins.</summary>
    public void Received(int exitCode) => Interlocked.CompareExchange(ref _exitCode, exitCode, 0);
}
