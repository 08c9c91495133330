namespace Repro.Experiments.Data;

/// <summary>The images of one IDX file: <see cref="Count"/> images of <see cref="Height"/>×<see cref="Width"/>, row-major, in [0, 1].</summary>
public sealed record IdxImages(int Count, int Height, int Width, float[] Pixels);
