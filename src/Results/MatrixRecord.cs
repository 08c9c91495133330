namespace Repro.Results;

/// <summary>A labelled matrix, e.g. r(AP_i, PNC_j) for one figure row.</summary>
public sealed record MatrixRecord(string Figure, string Name, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, double[][] Values, string Summary);
