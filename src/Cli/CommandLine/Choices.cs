namespace Repro.Cli.CommandLine;

/// <summary>The names a choice takes (matched case-insensitively, as before the typed command line) and the value each stands for.</summary>
public sealed class Choices<T>(params (string Name, T Value)[] items)
{
    public IReadOnlyList<string> Names { get; } = [.. items.Select(i => i.Name)];

    /// <summary>The value of a name as <see cref="Canonical"/> gives it.</summary>
    public T this[string name] => items.Single(i => i.Name == name).Value;

    /// <summary>The name as listed for <paramref name="token"/> in any case, or null when it is none of them.</summary>
    public string? Canonical(string token) => Names.FirstOrDefault(n => string.Equals(n, token, StringComparison.OrdinalIgnoreCase));

    public string NameOf(T value) => items.First(i => EqualityComparer<T>.Default.Equals(i.Value, value)).Name;

    /// <summary>"fc, cnn or cnn-bn".</summary>
    public override string ToString() => CliSyntax.Or(Names);
}
