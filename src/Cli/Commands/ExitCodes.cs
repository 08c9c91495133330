namespace Repro.Cli.Commands;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    /// <summary>Ctrl+C (SIGINT): 128 + 2.</summary>
    public const int Interrupted = 130;
    /// <summary>SIGTERM: 128 + 15, after the same clean stop as Ctrl+C.</summary>
    public const int Terminated = 143;
}
