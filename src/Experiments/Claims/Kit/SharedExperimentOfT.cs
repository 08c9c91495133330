namespace Repro.Experiments.Claims;

/// <summary>A <see cref="SharedExperiment"/> whose result is a <typeparamref name="T"/>.</summary>
public abstract class SharedExperiment<T> : SharedExperiment where T : class
{
    /// <summary>Computes the node (its dependencies are read through the context, which computes each once).</summary>
    protected abstract T Compute(ClaimContext ctx);

    internal sealed override object ComputeUntyped(ClaimContext ctx) => Compute(ctx);

    /// <summary>The node's result in this context, computed on first use.</summary>
    public T Of(ClaimContext ctx) => ctx.Shared(this);
}
