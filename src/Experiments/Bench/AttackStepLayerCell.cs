namespace Repro.Experiments.Bench;

/// <summary>
/// (j) one layer of a CNN attack step, timed on its own: its input is the layer's real input for a batch of noise images,
/// recorded for a gradient with the weights frozen, as in an attack. <see cref="ForwardMicroseconds"/>: the layer's
/// forward; <see cref="StepMicroseconds"/>: its forward and the gradient of its input (the attack needs no weight gradient).
/// <see cref="WholeStepMicroseconds"/>: one step of the attack loop itself on the same network and batch, so a layer's
/// share of the step can be read beside it.
/// </summary>
public sealed record AttackStepLayerCell(string Network, string Layer, string InputShape, int Batch, int Iterations,
    double ForwardMicroseconds, double StepMicroseconds, double WholeStepMicroseconds)
{
    /// <summary>The layer's forward and input gradient over the attack loop's whole step.</summary>
    public double ShareOfStep => StepMicroseconds / WholeStepMicroseconds;
}
