namespace Repro.Results;

/// <summary>One image panel of a figure (row × column), raw values; the report normalises for display.</summary>
public sealed record ImageRecord(string Figure, string Row, string Column, int Height, int Width, float[]? Pixels, string? Note = null)
{
    /// <summary>A blank panel: the attack for this class failed (the paper's blank images).</summary>
    public bool Blank => Pixels is null;
}
