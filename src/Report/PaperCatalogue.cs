namespace Repro.Report;

/// <summary>What the paper says beside its claims (which are <see cref="Repro.Results.PaperClaims"/>, shared with the experiments): its figures' captions and its stated costs (§2.7).</summary>
public static class PaperCatalogue
{
    public static readonly IReadOnlyList<FigureInfo> Figures =
    [
        new("Figure1", "Figure 1 — adversarial patterns for MNIST, three methods",
            "Adversarial Patterns for the MNIST dataset, generated with three methods.", "C1"),
        new("Figure2", "Figure 2 — APs for class 5 of MNIST across nine settings",
            "APs for the class 5 of the MNIST dataset, generated with three methods. Zero Feed: with confidence a) 80%, b) 90%, c) >99%. " +
            "Noise Feed: loss value a) 1, b) 1e-2, c) 1e-4. AAI: with a) 10 ADEs, b) 100 ADEs, c) 1000 ADEs.", "C2"),
        new("Figure3", "Figure 3 — PNCs and APs for MNIST",
            "PNCs and APs for the MNIST dataset. Blank images indicate unsuccessful effort for abstracting perturbations. " +
            "Asterisk (*) denotes cases with batch normalization.", "C4b"),
        new("Figure4", "Figure 4 — PNCs and APs for Fashion-MNIST",
            "PNCs and APs for the F-MNIST dataset. Blank image indicates unsuccessful effort for abstracting perturbations. " +
            "Asterisk (*) denotes cases with batch normalization.", "C4b"),
        new("Figure5", "Figure 5 — PNCs and APs for the tiling dataset", "PNCs and APs for the tiling dataset.", "C6"),
        new("Figure6", "Figure 6 — PNCs and APs for the overlapping dataset", "PNCs and APs for the overlapping dataset.", "C6"),
    ];

    /// <summary>The paper's cost of a stage on its GTX 1070 (§2.7), in seconds, by timing key.</summary>
    public static readonly IReadOnlyDictionary<string, (double Seconds, string Words)> PaperCosts = new Dictionary<string, (double, string)>
    {
        ["secondsPerAp"] = (5, "5 s per AP, zero or noise feed, 1,000 iterations (GTX 1070)"),
        ["secondsPer30AdeAai"] = (300, "5 min (300 s) per AAI of 30 ADEs, 1,000 iterations (GTX 1070)"),
    };

    /// <summary>Words for the timing keys the claims record.</summary>
    public static readonly IReadOnlyDictionary<string, string> StageNames = new Dictionary<string, string>
    {
        ["secondsPerAp"] = "one AP (zero or noise feed)",
        ["secondsPer30AdeAai"] = "one AAI of 30 ADEs",
        ["secondsPerTraining"] = "training one network",
        ["secondsPerPnc"] = "one PNC",
        ["secondsPerBlackBoxAp"] = "one black-box AP (gradient estimated from softmax queries)",
        ["secondsPerCanaryNetwork"] = "training and attacking one canary network",
    };
}
