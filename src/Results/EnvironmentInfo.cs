namespace Repro.Results;

/// <summary>Where and with what a result was obtained.</summary>
/// <param name="ScienceVersion">The version of the science code that computed it (a hash of its sources); null in records written before
/// it was kept, which are therefore never resumed.</param>
public sealed record EnvironmentInfo(
    string Os, string Cpu, string Device, string DotNet, string TorchSharp, string LibTorch,
    int Threads, string Commit, DateTimeOffset Date,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ScienceVersion = null);
