namespace Repro.Experiments.Data;

/// <summary>
/// The dummy data sets of §2.6: size×size images, four classes, one sample each; pixel 1 inside the class's square
/// and 0 outside. Class 0 is the top-left square, 1 top-right, 2 bottom-left, 3 bottom-right.
/// </summary>
public static class DummyDatasets
{
    public const int ClassCount = 4;

    /// <summary>Four patch×patch squares in the corners that do not overlap; with the defaults (6, 3) they tile the image.</summary>
    public static Dataset Tiling(int size = 6, int patch = 3)
    {
        Validate(size, patch);
        if (2 * patch > size)
            throw new ArgumentOutOfRangeException(nameof(patch), patch,
                $"Tiling squares of {patch}×{patch} would overlap in a {size}×{size} image (2×patch must be ≤ size); use Overlapping.");
        return Corners($"dummy-tiling-{size}x{size}-p{patch}", size, patch);
    }

    /// <summary>Four patch×patch squares in the corners that overlap in the middle (defaults 6, 4).</summary>
    public static Dataset Overlapping(int size = 6, int patch = 4)
    {
        Validate(size, patch);
        if (2 * patch <= size)
            throw new ArgumentOutOfRangeException(nameof(patch), patch,
                $"Squares of {patch}×{patch} do not overlap in a {size}×{size} image (2×patch must be > size); use Tiling.");
        return Corners($"dummy-overlapping-{size}x{size}-p{patch}", size, patch);
    }

    /// <summary>
    /// The second reading of "shifted positions so that they overlap": patch×patch squares moved <paramref name="shift"/>
    /// pixels from each corner towards the centre (defaults 6, 3, 1: 3×3 squares that overlap in the middle).
    /// </summary>
    public static Dataset OverlappingShifted(int size = 6, int patch = 3, int shift = 1)
    {
        Validate(size, patch);
        if (shift < 1 || 2 * (patch + shift) <= size || patch + shift > size)
            throw new ArgumentOutOfRangeException(nameof(shift), shift,
                $"Squares of {patch}×{patch} shifted {shift} from the corners must overlap and stay inside a {size}×{size} image.");
        return Corners($"dummy-overlapping-shifted-{size}x{size}-p{patch}-s{shift}", size, patch, shift);
    }

    static void Validate(int size, int patch)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Image size must be at least 1, got {size}.");
        if (patch < 1 || patch > size)
            throw new ArgumentOutOfRangeException(nameof(patch), patch, $"Patch size must be in 1..{size} (the image size), got {patch}.");
    }

    static Dataset Corners(string name, int size, int patch, int shift = 0)
    {
        var images = new float[ClassCount * size * size];
        int near = shift, far = size - patch - shift;
        (int Row, int Col)[] origins = [(near, near), (near, far), (far, near), (far, far)];
        for (int c = 0; c < ClassCount; c++)
            for (int r = 0; r < patch; r++)
                for (int k = 0; k < patch; k++)
                    images[c * size * size + (origins[c].Row + r) * size + origins[c].Col + k] = 1f;
        return new Dataset(name, images, [0, 1, 2, 3], size, size, ClassCount);
    }
}
