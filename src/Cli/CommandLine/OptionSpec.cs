namespace Repro.Cli.CommandLine;

/// <summary>
/// One option of a verb (or a global option). Global options carry a <see cref="ConfigKey"/>: their values go into the
/// host's configuration (above appsettings.json and REPRO_* variables) and are validated there, so a bad value is
/// refused whichever of the three it came from.
/// </summary>
public sealed record OptionSpec(string Name, string Description)
{
    public ValueKind Kind { get; init; } = ValueKind.Text;
    /// <summary>Placeholder in help, e.g. "N" or "DIR".</summary>
    public string? ValueName { get; init; }
    /// <summary>Allowed values of a <see cref="ValueKind.Choice"/>, case-insensitive.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
    public double Min { get; init; } = double.MinValue;
    public double Max { get; init; } = double.MaxValue;
    /// <summary>Shown in help.</summary>
    public string? Default { get; init; }
    /// <summary>For global options: the configuration key the value is written to.</summary>
    public string? ConfigKey { get; init; }
    /// <summary>Extra check of the raw value; returns an error message or null.</summary>
    public Func<string, string?>? Check { get; init; }

    public string Placeholder => Kind switch
    {
        ValueKind.Flag => "",
        ValueKind.Choice => string.Join('|', Choices),
        _ => ValueName ?? "VALUE",
    };
}
