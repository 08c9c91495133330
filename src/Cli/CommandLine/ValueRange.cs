using System.Globalization;
using System.Numerics;

namespace Repro.Cli.CommandLine;

/// <summary>The values a number may take, both ends included; says so in the one-line messages.</summary>
public readonly record struct ValueRange<T>(T Min, T Max) where T : INumber<T>
{
    public bool Contains(T value) => value >= Min && value <= Max;

    /// <summary>"between 1 and 1024".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"between {Min} and {Max}");

    /// <summary>"--jobs must be between 1 and 1024, got 0", or null when <paramref name="value"/> is in range.</summary>
    public string? Refusal(string name, T value) =>
        Contains(value) ? null : string.Create(CultureInfo.InvariantCulture, $"{name} must be {this}, got {value}");
}

/// <summary>The ranges that more than one place checks: the command line's parse and the settings' validation.</summary>
public static class Ranges
{
    /// <summary>--jobs and --threads, from the command line, REPRO_JOBS / REPRO_THREADS or appsettings.json.</summary>
    public static ValueRange<int> Workers { get; } = new(1, 1024);

    /// <summary>--seed, from the command line, REPRO_SEED or appsettings.json.</summary>
    public static ValueRange<int> Seed { get; } = new(0, int.MaxValue);
}
