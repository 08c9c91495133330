namespace Repro.Report;

/// <summary>A figure of the paper: its key in ImageRecord.Figure / MatrixRecord.Figure, and the paper's caption.</summary>
public sealed record FigureInfo(string Key, string Title, string PaperCaption, string DefaultClaim);
