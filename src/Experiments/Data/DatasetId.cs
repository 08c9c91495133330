namespace Repro.Experiments.Data;

/// <summary>The real data sets the paper uses.</summary>
public enum DatasetId { Mnist, FashionMnist }
