namespace Repro.Results;

/// <summary>
/// A claim of the paper: its id (C1…C10), the title a record carries, where the paper makes it (e.g. "§2.2, §3, Fig. 1"),
/// the paper's own words, and the keys of the figures it rebuilds (<c>ImageRecord.Figure</c>).
/// </summary>
public sealed record ClaimInfo(string Id, string Title, string Section, string PaperWords, IReadOnlyList<string> Figures);
