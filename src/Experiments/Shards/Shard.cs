namespace Repro.Experiments.Shards;

/// <summary>One shard of a plan: shard <see cref="Index"/> of <see cref="Count"/> (from 1) and the units it computes, longest first.</summary>
public sealed record Shard(int Index, int Count, IReadOnlyList<ShardUnit> Units)
{
    /// <summary>The sum of its units' expected seconds.</summary>
    public double ExpectedSeconds => Units.Sum(u => u.ExpectedSeconds);

    /// <summary>"2/3", as <c>--shard</c> takes it.</summary>
    public string Label => $"{Index}/{Count}";
}
