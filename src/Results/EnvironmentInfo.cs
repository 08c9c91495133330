namespace Repro.Results;

/// <summary>Where and with what a result was obtained.</summary>
public sealed record EnvironmentInfo(
    string Os, string Cpu, string Device, string DotNet, string TorchSharp, string LibTorch,
    int Threads, string Commit, DateTimeOffset Date);
