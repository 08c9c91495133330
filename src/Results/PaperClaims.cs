namespace Repro.Results;

/// <summary>
/// The paper's claims C1…C10 (C4 as C4a and C4b), each once: the claims run them, their records carry the title, section and
/// words, and the report and the tests read them from here.
/// </summary>
public static class PaperClaims
{
    public static ClaimInfo C1 { get; } = new("C1",
        "Figure 1: the three abstraction methods agree",
        "§2.2, §3, Fig. 1",
        "The three methods for obtaining APs produced almost identical patterns, all of which the network classified with the target labels and a remarkably high confidence.",
        ["Figure1"]);

    public static ClaimInfo C2 { get; } = new("C2",
        "Figure 2: the patterns are robust to the abstraction parameters",
        "§2.3, §3, Fig. 2",
        "These patterns, as soon as they emerge, are indifferent to the parameters of the method used for generating them.",
        ["Figure2"]);

    public static ClaimInfo C3 { get; } = new("C3",
        "Table 1: twelve networks trained to the table's accuracy",
        "§2.4, Table 1",
        "I trained the two models with six configurations, combined, this time on both MNIST and also F-MNIST datasets (See Table 1).",
        []);

    public static ClaimInfo C4a { get; } = new("C4a",
        "Figures 3 and 4, simple networks: APs approximate PNCs with striking accuracy, uniquely per class",
        "§2.5, §3, §4.2, Figs. 3–4",
        "And finally, as Fig. 3 and 4 show the patterns approximate their corresponding PNCs, with a striking accuracy in simpler models and training plans.",
        ["Figure3", "Figure4"]);

    public static ClaimInfo C4b { get; } = new("C4b",
        "Figures 3 and 4, every network: APs highlight features of the PNCs",
        "§2.4, §3, Figs. 3–4",
        "However, as the complexity of the architectures and optimizers grow, the clarity of the patterns deteriorate. Even so, the less intelligible APs highlight some features of the same patterns.",
        ["Figure3", "Figure4"]);

    public static ClaimInfo C5 { get; } = new("C5",
        "Clarity of the APs falls as the model grows",
        "§3, Figs. 3–4",
        "However, as the complexity of the architectures and optimizers grow, the clarity of the patterns deteriorate.",
        []);

    public static ClaimInfo C6 { get; } = new("C6",
        "Figures 5 and 6: tiling versus overlapping dummy datasets",
        "§2.6, §4.2, Figs. 5–6",
        "For the tiling dataset, all PNCs precisely match their corresponding class … the PNCs differ from their corresponding class [for the overlapping dataset] … while we can generate ADEs for the overlapping dataset, the same attack goes nowhere but to replicate almost the perfect examples of target classes with the tiling dataset.",
        ["Figure5", "Figure6"]);

    public static ClaimInfo C7 { get; } = new("C7",
        "Cost of an AP and of a 30-ADE AAI (§2.7)",
        "§2.7",
        "On this system, generating an AAI with 30 ADEs, with a stop condition of maximum iteration set to 1,000 took 5 minutes on average. For an AP with either zero or noise method, with the same stop condition, the duration plummeted to only 5 seconds.",
        []);

    public static ClaimInfo C8 { get; } = new("C8",
        "§4.2: from black-box queries to the training set's class averages",
        "§4.2",
        "The second implication of this finding is that on one hand we can estimate PNCs with the AP patterns. On the other hand, it is computationally possible to break down PNCs to the average arrays of all classes of the corresponding dataset. That makes a pipeline from making queries with zero or noise feed to a blackbox model, to the average vectors of the training dataset.",
        []);

    public static ClaimInfo C9 { get; } = new("C9",
        "Beyond the paper: the patterns persist across networks, and their ADEs transfer",
        "Abstract, §3, §4.1",
        "Furthermore, the patterns persist over a range of network architectures and training configurations … this finding justifies the adversarial transferability with explaining APs as responsive to the content of datasets on some level of semantics.",
        []);

    public static ClaimInfo C10 { get; } = new("C10",
        "§4.2's explanation: a sparse negative set in a spacious input space makes natural images easy to move",
        "§4.2",
        "Therefore, when the negative set is too sparse (for example, nine digit-shapes in MNIST case) compared to the enormously spacious space that we define for the network (a 784-dimensional space in MNIST case) the positive and negative sets fail to converge on a matching concept. That in turn, causes the discrepancy of perception between the networks and humans",
        []);

    /// <summary>In id order.</summary>
    public static IReadOnlyList<ClaimInfo> All { get; } = [C1, C2, C3, C4a, C4b, C5, C6, C7, C8, C9, C10];

    /// <summary>The claim of this id (exact, as records spell it); null for an id the paper does not make.</summary>
    public static ClaimInfo? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
