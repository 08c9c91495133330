using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Results;

namespace Repro.Experiments.Sensitivity;

/// <summary>
/// The sensitivity study's readings: every open detail that could flip a verdict, one alternative at a time from the
/// default, each with the claims it can touch. The claims are C1 (MNIST FC), C2 (class 5), C4a (MNIST FC-SGD), C4b
/// (the three MNIST networks whose resemblance was weakest) and C6.
/// </summary>
public static class SensitivityCatalogue
{
    public static IReadOnlyList<string> Claims { get; } = ["C1", "C2", "C4a", "C4b", "C6"];

    /// <summary>The networks C4a and C4b are restricted to.</summary>
    public static IReadOnlyList<string> C4aNetworks { get; } = ["MNIST FC-SGD"];
    public static IReadOnlyList<string> C4bNetworks { get; } = ["MNIST CNN-Adam", "MNIST CNN*-SGD", "MNIST CNN*-Adam"];

    /// <summary>Seeds per cell: three for FC and the dummy datasets; four for the CNNs, whose first chooses C4b's feed so three judge.</summary>
    public const int FcSeeds = 3, CnnSeeds = 4;

    /// <summary>
    /// The CNN seeds of the study: the run's first, which chooses C4b's feed as in the main claim, then seeds the main claims never
    /// use, which judge. C4b's three networks (the weakest in the main run), and the jitter and 10,000-iteration readings, were
    /// chosen after the main run's judging seeds were seen, so they are judged on fresh seeds.
    /// </summary>
    public static int[] StudyCnnSeeds(ProfileSettings p) => [p.CnnSeeds[0], .. Enumerable.Range(p.CnnSeeds.Max() + 1, CnnSeeds - 1)];

    public const double JitterSigma = 1e-3;

    /// <summary>
    /// The study's base profile: the run's profile with fewer seeds; every cell starts from it. It does not carry the study's
    /// extent, so a study at the profile's budget and a full one share their cells.
    /// </summary>
    public static ProfileSettings StudyProfile(ProfileSettings p) => p with
    {
        StudyClaims = null,
        FcSeeds = p.FcSeeds.Take(FcSeeds).ToArray(),
        DummySeeds = p.DummySeeds.Take(FcSeeds).ToArray(),
        CnnSeeds = StudyCnnSeeds(p),
    };

    /// <summary>
    /// The profile of one cell: the alternative applied to the study profile, and C4a's or C4b's networks. An alternative
    /// cell of C4b judges the feed the default cell chose on each network's first seed (<paramref name="defaultFeeds"/>),
    /// so it attacks only the later seeds; the default cell chooses itself, exactly as the main claim.
    /// </summary>
    public static ProfileSettings CellProfile(ProfileSettings study, ReadingAlternative alternative, string claim,
        IReadOnlyDictionary<string, Perturbations.Feed>? defaultFeeds = null) => alternative.Apply(study) with
        {
            Table1Only = claim switch { "C4a" => C4aNetworks, "C4b" => C4bNetworks, _ => null },
            FixedFeeds = claim == "C4b" && !alternative.Description.IsDefault
            ? defaultFeeds ?? throw new InvalidOperationException("An alternative cell of C4b needs the default cell's feed choice; run the default row first.")
            : null,
        };

    private static readonly string[] AllClaims = ["C1", "C2", "C4a", "C4b", "C6"];
    private static readonly string[] NoiseClaims = ["C1", "C2", "C4a", "C4b"];

    public static IReadOnlyList<ReadingAlternative> Alternatives { get; } =
    [
        Make(SensitivityRecord.DefaultReading, "our readings", "the readings every claim record lists (cross-entropy, σ 0.3, attack lr 0.1, 1,000 iterations, exact zeros, stop at the target accuracy, 4×4 corner squares)",
            "—", AllClaims, [], p => p),
        Make("attackLoss", "summed squared error",
            "§2.1 descends the 'distance' between the prediction and the one-hot target; the sum over classes of (softmax − one-hot)² is its most literal reading (Keras' mean over classes can never exceed 0.2, so Figure 2's 'loss 1' would stop at step 0)",
            "the verdict depends on which 'distance' the attack descends, not on the network alone", AllClaims,
            ["attackLoss = SummedSquaredError"], p => p with { AttackLoss = AttackLoss.SummedSquaredError }),
        Make("noiseSigma", "σ = 1.0",
            "the paper does not give the noise's scale; numpy's randn, σ = 1, is what a Keras user draws by default",
            "the verdict depends on how loud the starting noise is, so the noise, not only the network, shapes the AP", NoiseClaims,
            ["noiseSigma = 1"], p => p with { NoiseSigma = 1.0 }),
        Make("attackLearningRate", "0.01",
            "the paper gives no learning rate for the attack; 0.01 is Keras' SGD default",
            "the verdict depends on the attack's step size: with small steps the attack stops before the pattern has formed", AllClaims,
            ["attackLearningRate = 0.01"], p => p with { AttackLearningRate = 0.01 }),
        Make("attackLearningRate", "1.0",
            "the paper gives no learning rate for the attack; 1.0 moves a pixel by about its own range in one step",
            "the verdict depends on the attack's step size: large steps overshoot and leave a noisier AP", AllClaims,
            ["attackLearningRate = 1"], p => p with { AttackLearningRate = 1.0 }),
        Make("iterations", "10,000 for the complex networks",
            "§2.2 stops at 1,000 iterations; the complex networks' APs may still be forming there",
            "1,000 iterations were too few for these networks: the pattern was still forming", ["C4b"],
            ["iterations = 10000"], p => p with { Iterations = 10_000 }),
        Make("zeroFeedJitter", "zeros + N(0, 10⁻³) on the CNNs",
            "at an exact zero every 2×2 max-pool window ties and libtorch sends the whole gradient to one index of each window, so the first step is a stride-2 lattice; a jitter far below a pixel's scale breaks the ties",
            "the lattice artifact of an exact-zero input, not the network, decided it", ["C4b"],
            ["cnnZeroFeedJitter = 0.001"], p => p with { CnnZeroFeedJitter = JitterSigma }),
        Make("validationRule", "accuracy and Table 1's loss",
            "Table 1 lists a loss beside each accuracy; training 'up to' both is the other reading of §2.4",
            "the verdict depends on how long the network trains, not only on its architecture", NoiseClaims,
            ["validationRule = AccuracyAndLoss"], p => p with { ValidationRule = ValidationRule.AccuracyAndLoss }),
        Make("overlappingGeometry", "3×3 squares one pixel in",
            "'shifted positions so that they overlap' (§2.6) also fits 3×3 squares moved one pixel from each corner towards the centre",
            "the dummy-dataset result is a property of the geometry we chose, not of the idea", ["C6"],
            ["overlappingGeometry = Shifted3x3"], p => p with { OverlappingGeometry = OverlappingGeometry.Shifted3x3 }),
    ];

    private static ReadingAlternative Make(string reading, string name, string justification, string flipMeaning, IReadOnlyList<string> claims,
        IReadOnlyList<string> settings, Func<ProfileSettings, ProfileSettings> apply) =>
        new(new SensitivityAlternative { Reading = reading, Name = name, Justification = justification, FlipMeaning = flipMeaning, Claims = claims, Settings = settings }, apply);
}
