namespace Repro.Report;

/// <summary>What the paper says, kept in one place: the claims C1…C7 (C4 as C4a and C4b), C8, the pipeline §4.2 proposes, and C9, which tests what the paper asserts without a figure, its figures' captions, its stated costs (§2.7).</summary>
public static class PaperCatalogue
{
    public static readonly IReadOnlyList<ClaimInfo> Claims =
    [
        new("C1", "Figure 1: the three methods give the same patterns", ["Figure1"]),
        new("C2", "Figure 2: patterns robust to the methods' parameters", ["Figure2"]),
        new("C3", "Table 1: networks trained to the paper's accuracies", []),
        new("C4a", "Figures 3–4, simple networks: APs approximate PNCs with striking accuracy", ["Figure3", "Figure4"]),
        new("C4b", "Figures 3–4, every network: APs carry features of the PNCs", ["Figure3", "Figure4"]),
        new("C5", "Clarity of the patterns falls as complexity grows", []),
        new("C6", "Figures 5–6: dummy datasets (tiling, overlapping)", ["Figure5", "Figure6"]),
        new("C7", "Cost of each stage (§2.7)", []),
        new("C8", "§4.2: from black-box queries to the training set's class averages", []),
        new("C9", "Beyond the paper: patterns persist across networks, and ADEs transfer", []),
        new("C10", "§4.2's explanation: a sparse negative set in a spacious input space", []),
    ];

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

    public static ClaimInfo? Claim(string id) => Claims.FirstOrDefault(c => c.Id == id);
}
