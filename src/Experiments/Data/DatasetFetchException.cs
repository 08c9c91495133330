namespace Repro.Experiments.Data;

/// <summary>No source could provide a data set; the message is one line of advice.</summary>
public sealed class DatasetFetchException(string message, Exception? inner = null) : IOException(message, inner);
