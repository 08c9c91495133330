namespace Repro.Cli.CommandLine;

/// <summary>What an option takes.</summary>
public enum ValueKind { Flag, Text, Integer, Number, Choice }
