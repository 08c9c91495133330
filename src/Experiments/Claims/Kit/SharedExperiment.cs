namespace Repro.Experiments.Claims;

/// <summary>
/// Work that several claims (or the sensitivity study's cells) read, as a node of its own: computed once per
/// <see cref="ClaimContext"/>, under its own name for progress and for the stage table, so that its cost is charged to it and
/// not to whichever claim reads it first. A claim declares the nodes it reads (<see cref="IClaim.Uses"/>).
/// </summary>
public abstract class SharedExperiment
{
    /// <summary>The node's name in progress bars and the stage table, e.g. "Table 1 networks".</summary>
    public abstract string Name { get; }

    /// <summary>The nodes this one reads, which run before it when nodes run as units of their own.</summary>
    public virtual IReadOnlyList<SharedExperiment> DependsOn => [];

    internal abstract object ComputeUntyped(ClaimContext ctx);

    /// <summary>These nodes and every node they depend on, each after its dependencies, each once.</summary>
    public static IReadOnlyList<SharedExperiment> InOrder(IEnumerable<SharedExperiment> nodes)
    {
        var order = new List<SharedExperiment>();
        void Visit(SharedExperiment n)
        {
            if (order.Any(o => o.GetType() == n.GetType())) return;
            foreach (var d in n.DependsOn) Visit(d);
            order.Add(n);
        }
        foreach (var n in nodes) Visit(n);
        return order;
    }
}
