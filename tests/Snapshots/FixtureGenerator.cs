using System.Text.Json.Nodes;
using Repro.Results;

namespace Repro.Snapshots.Tests;

/// <summary>
/// The fixed results fixture (Fixtures/results/C1..C7.json): synthetic but shaped like real claim records. Smooth blobs
/// stand in for APs and PNCs (28 × 28, whole numbers in [-9, 9] to keep the files small; 6 × 6 for the dummy datasets),
/// one blank panel (a failed attack), one [¬Re] claim with a finding, Table 1 with the paper's twelve networks.
/// Deterministic: no clock, no random generator. Regenerate with REPRO_WRITE_FIXTURE=1 (see FixtureTests).
/// </summary>
public static class FixtureGenerator
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly int[] Seeds = [0, 1, 2];
    private static readonly string[] Classes = Enumerable.Range(0, 10).Select(i => $"Class {i}").ToArray();

    public static IReadOnlyList<ClaimResult> Build() => [C1(), C2(), C3(), C4(), C5(), C6(), C7()];

    private static EnvironmentInfo Env(int minutes, int threads = 2) => new(
        "Debian GNU/Linux 12 (bookworm)", "AMD EPYC 7B13, 2 cores", "cpu", ".NET 10.0.12", "0.107.0", "2.10.0",
        threads, "0123456789abcdef0123456789abcdef01234567", T0.AddMinutes(minutes));

    private static Metric M(params double[] values) => Metric.Of(values);

    private static Dictionary<string, Metric> D(params (string Key, Metric Value)[] items) => items.ToDictionary(i => i.Key, i => i.Value);

    // ---- synthetic images -----------------------------------------------------------------------------------------

    /// <summary>A positive blob where class <paramref name="c"/> "lives" and a weaker negative one opposite; whole numbers in [-9, 9].</summary>
    private static float[] Blob(int c, int variant, int size = 28)
    {
        double angle = 2 * Math.PI * c / 10;
        double cx = 13.5 + 6 * Math.Cos(angle), cy = 13.5 + 6 * Math.Sin(angle);
        double nx = 27 - cx, ny = 27 - cy;
        double sigma = 4.5 + 0.5 * variant;
        var px = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double pos = Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
                double neg = Math.Exp(-((x - nx) * (x - nx) + (y - ny) * (y - ny)) / (2 * sigma * sigma));
                double ripple = 0.08 * Math.Sin(0.7 * x + 1.3 * variant) * Math.Cos(0.5 * y - variant);
                px[y * size + x] = (float)Math.Round(9 * Math.Clamp(pos - 0.6 * neg + ripple, -1, 1));
            }
        return px;
    }

    /// <summary>The four 6 × 6 dummy classes: tiling (3 × 3 quadrants) or overlapping (4 × 4 squares, shifted by 2).</summary>
    private static float[] Patch(int c, bool overlapping)
    {
        int size = overlapping ? 4 : 3, step = overlapping ? 2 : 3;
        int ox = (c % 2) * step, oy = (c / 2) * step;
        var px = new float[36];
        for (int y = oy; y < oy + size; y++)
            for (int x = ox; x < ox + size; x++)
                px[y * 6 + x] = 1;
        return px;
    }

    /// <summary>PNC: the class image minus the mean of the other three, each set's average normalised to [0, 1] first.</summary>
    private static float[] Pnc(int c, bool overlapping)
    {
        var pos = Patch(c, overlapping);
        var neg = new float[36];
        for (int k = 0; k < 4; k++)
            if (k != c)
            {
                var p = Patch(k, overlapping);
                for (int i = 0; i < 36; i++) neg[i] += p[i] / 3;
            }
        float max = neg.Max();
        return pos.Zip(neg, (a, b) => a - b / max).ToArray();
    }

    private static float[] Ap(float[] pnc, int c) =>
        pnc.Select((v, i) => (float)Math.Round(v * 0.8 + 0.15 * Math.Sin(i * 0.9 + c), 4)).ToArray();

    /// <summary>A correlation-like matrix: high on the diagonal, lower off it, smooth and deterministic.</summary>
    private static double[][] Correlations(int rows, int cols, double diag, double off, int salt) =>
        Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, cols).Select(j =>
            i == j ? diag - 0.05 * Math.Abs(Math.Sin(1.7 * i + salt)) : off + 0.12 * Math.Sin(0.9 * i + 1.3 * j + salt)).ToArray()).ToArray();

    // ---- C1: Figure 1 ---------------------------------------------------------------------------------------------

    private static ClaimResult C1()
    {
        string[] methods = ["Zero feed", "Noise feed", "AAI"];
        var images = methods.SelectMany((m, v) => Enumerable.Range(0, 10).Select(c => new ImageRecord("Figure1", m, Classes[c], 28, 28, Blob(c, v)))).ToList();
        var r = Enumerable.Range(0, 3).Select(p => Enumerable.Range(0, 10).Select(c => 0.86 + 0.1 * Math.Sin(1.1 * c + 2.3 * p) - (p == 2 && c == 8 ? 0.09 : 0)).ToArray()).ToArray();
        return new ClaimResult
        {
            Id = "C1",
            Title = "Figure 1: the three methods give the same patterns",
            Section = "§2.2, §3, Fig. 1",
            PaperWords = "The three methods for obtaining APs produced almost identical patterns, all of which the network classified with the target labels and a remarkably high confidence (see Fig. 1).",
            Profile = "quick",
            Seeds = Seeds,
            Parameters = new JsonObject
            {
                ["dataset"] = "MNIST",
                ["architecture"] = "FC [784, 200, 30, 10]",
                ["optimizer"] = "SGD",
                ["targetAccuracy"] = 0.92,
                ["attack"] = new JsonObject { ["maxIterations"] = 200, ["learningRate"] = 0.1, ["aaiBatch"] = 10 },
                ["classes"] = new JsonArray(Enumerable.Range(0, 10).Select(i => (JsonNode)i).ToArray()),
                ["reductions"] = new JsonObject { ["attack.maxIterations"] = "1000 → 200", ["attack.aaiBatch"] = "30 → 10" },
            },
            Readings = new Dictionary<string, string>
            {
                ["attackLoss"] = "cross-entropy between the prediction and the one-hot target",
                ["attackOptimizer"] = "plain gradient descent on the input, learning rate 0.1",
                ["noiseFeedInput"] = "N(0.5, 0.1²) clipped to [0, 1]",
                ["inputRange"] = "[0, 1], no normalisation",
            },
            Metrics = D(("minPairwiseR", M(0.712, 0.731, 0.705)), ("meanPairwiseR", M(0.853, 0.861, 0.849)), ("meanTargetConfidence", M(0.9991, 0.9987, 0.9994))),
            Checks =
            [
                new Check("every class and method pair agrees", "min r(AP_m1, AP_m2)", "≥", 0.6, 0.716, true),
                new Check("ADEs classified as the target", "mean target confidence", "≥", 0.9, 0.99907, true),
            ],
            Threshold = "r(AP_m1, AP_m2) ≥ 0.6 for every class and pair of methods; target confidence ≥ 0.9",
            Verdict = Verdict.Re,
            WallSeconds = 412.37,
            Timings = D(("secondsPerAp", M(2.11, 2.05, 2.19)), ("secondsPer30AdeAai", M(63.2, 61.9, 64.8))),
            Images = images,
            Matrices =
            [
                new MatrixRecord("Figure1", "r between methods, per class", ["zero–noise", "zero–AAI", "noise–AAI"], Classes, r,
                    "min r = 0.705 (class 8, noise–AAI); mean r = 0.853 over 30 class × pair cells."),
            ],
            Environment = Env(0),
        };
    }

    // ---- C2: Figure 2 ---------------------------------------------------------------------------------------------

    private static ClaimResult C2()
    {
        (string Row, string[] Notes)[] rows =
        [
            ("Zero feed", ["confidence 80%", "confidence 90%", "confidence >99%"]),
            ("Noise feed", ["loss 1", "loss 1e-2", "loss 1e-4"]),
            ("AAI", ["10 ADEs", "100 ADEs", "1000 ADEs"]),
        ];
        string[] cols = ["a", "b", "c"];
        var images = rows.SelectMany((r, i) => cols.Select((c, j) => new ImageRecord("Figure2", r.Row, c, 28, 28, Blob(5, i + j), r.Notes[j]))).ToList();
        string[] labels = rows.SelectMany(r => cols.Select(c => $"{r.Row} {c}")).ToArray();
        var m = Enumerable.Range(0, 9).Select(i => Enumerable.Range(0, 9).Select(j => i == j ? 1 : 0.78 + 0.15 * Math.Cos(0.8 * (i - j)) - 0.02 * Math.Abs(i - j)).ToArray()).ToArray();
        return new ClaimResult
        {
            Id = "C2",
            Title = "Figure 2: patterns robust to the methods' parameters",
            Section = "§2.3, §3, Fig. 2",
            PaperWords = "These patterns, as soon as they emerge, are indifferent to the parameters of the method used for generating them (see Fig. 2).",
            Profile = "quick",
            Seeds = Seeds,
            Parameters = new JsonObject
            {
                ["class"] = 5,
                ["targetAccuracy"] = 0.94,
                ["zeroFeedConfidence"] = new JsonArray(0.8, 0.9, 0.99),
                ["noiseFeedLoss"] = new JsonArray(1, 0.01, 0.0001),
                ["aaiSizes"] = new JsonArray(10, 100, 1000),
                ["reductions"] = new JsonObject { ["aaiSizes"] = "10, 100, 1000 → 10, 30, 100" },
            },
            Readings = new Dictionary<string, string>
            {
                ["attackLoss"] = "cross-entropy between the prediction and the one-hot target",
                ["confidenceStop"] = "softmax probability of the target class",
                ["inputRange"] = "[0, 1], no normalisation",
            },
            Metrics = D(("minSettingR", M(0.642, 0.655, 0.638)), ("meanSettingR", M(0.81, 0.815, 0.806))),
            Checks = [new Check("every pair of the nine settings agrees", "min r(AP_s1, AP_s2)", "≥", 0.6, 0.645, true)],
            Threshold = "r ≥ 0.6 between every pair of the nine settings, class 5",
            Verdict = Verdict.Re,
            WallSeconds = 655.9,
            Timings = D(("secondsPerAp", M(2.3, 2.24, 2.41))),
            Images = images,
            Matrices = [new MatrixRecord("Figure2", "r between the nine settings", labels, labels, m, "min r = 0.638 (zero feed a vs AAI c); mean off-diagonal r = 0.81.")],
            Environment = Env(10),
        };
    }

    // ---- C3: Table 1 ----------------------------------------------------------------------------------------------

    private static ClaimResult C3()
    {
        (string Arch, string Opt, double MAcc, double MLoss, double FAcc, double FLoss)[] paper =
        [
            ("FC", "SGD", 0.95, 0.19, 0.85, 0.42),
            ("FC", "Adam", 0.98, 0.07, 0.88, 0.33),
            ("CNN", "SGD", 0.93, 0.24, 0.84, 0.45),
            ("CNN", "Adam", 0.99, 0.05, 0.92, 0.24),
            ("CNN-BN", "SGD", 0.99, 0.03, 0.92, 0.22),
            ("CNN-BN", "Adam", 0.98, 0.06, 0.92, 0.25),
        ];
        var rows = new List<Table1Row>();
        int k = 0;
        foreach (var dataset in new[] { "MNIST", "F-MNIST" })
            foreach (var p in paper)
            {
                k++;
                double acc = dataset == "MNIST" ? p.MAcc : p.FAcc, loss = dataset == "MNIST" ? p.MLoss : p.FLoss;
                double d = 0.001 * (k % 4);
                rows.Add(new Table1Row(dataset, p.Arch, p.Opt, acc, loss, acc,
                    M(acc + 0.002 + d, acc + 0.004, acc + 0.001 + d / 2),
                    M(loss - 0.01 + d, loss - 0.012, loss - 0.008 + d),
                    M(1 + k % 3, 1 + k % 3, 2 + k % 3), true));
            }
        return new ClaimResult
        {
            Id = "C3",
            Title = "Table 1: networks trained to the paper's accuracies",
            Section = "§2.4, Table 1",
            PaperWords = "I trained the two models with six configurations, combined, this time on both MNIST and also F-MNIST datasets (See Table 1). It is to be noted that I did not try to train the networks to their fullest learning capacity.",
            Profile = "quick",
            Seeds = Seeds,
            Parameters = new JsonObject
            {
                ["architectures"] = new JsonObject { ["FC"] = "[784, 200, 30, 10]", ["CNN"] = "conv 128, 256; dense 512, 256, 10" },
                ["optimizers"] = new JsonArray("SGD", "Adam"),
                ["batchSize"] = 64,
                ["maxEpochs"] = 5,
                ["reductions"] = new JsonObject { ["trainingSubset"] = "60,000 → 12,000 images" },
            },
            Readings = new Dictionary<string, string>
            {
                ["cnnKernel"] = "3x3, padding 1, max-pool 2x2 after each convolution",
                ["validationSet"] = "the 10,000 test images",
                ["stopRule"] = "stop at the first epoch whose validation accuracy reaches the paper's",
                ["inputRange"] = "[0, 1], no normalisation",
            },
            Metrics = D(("networksReachingTarget", M(12)), ("maxAccuracyGap", M(0.0061, 0.0055, 0.0058))),
            Checks =
            [
                new Check("every network reaches its target", "networks reaching target", "≥", 12, 12, true),
                new Check("accuracy close to the paper's", "max |acc − paper acc|", "≤", 0.02, 0.0061, true),
            ],
            Threshold = "all 12 networks reach the paper's accuracy; |acc − paper| ≤ 0.02",
            Verdict = Verdict.Re,
            WallSeconds = 1495.2,
            Timings = D(("secondsPerTraining", M(41.3, 39.8, 44.1))),
            Table1 = rows,
            Environment = Env(25),
        };
    }

    // ---- C4: Figures 3 and 4 --------------------------------------------------------------------------------------

    private static ClaimResult C4()
    {
        var images = new List<ImageRecord>();
        foreach (var (figure, configs) in new[] { ("Figure3", new[] { "FC SGD", "CNN* SGD" }), ("Figure4", ["FC Adam"]) })
        {
            images.AddRange(Enumerable.Range(0, 10).Select(c => new ImageRecord(figure, "PNC", Classes[c], 28, 28, Blob(c, 0))));
            for (int v = 0; v < configs.Length; v++)
                images.AddRange(Enumerable.Range(0, 10).Select(c => figure == "Figure3" && configs[v] == "CNN* SGD" && c == 7
                    ? new ImageRecord(figure, configs[v], Classes[c], 28, 28, null, "attack failed")
                    : new ImageRecord(figure, configs[v], Classes[c], 28, 28, Blob(c, v + 2))));
        }
        var cnn = Correlations(10, 10, 0.62, 0.05, 3);
        cnn[7] = Enumerable.Repeat(double.NaN, 10).ToArray();
        return new ClaimResult
        {
            Id = "C4",
            Title = "Figures 3–4: APs approximate PNCs",
            Section = "§2.4–2.5, §3, Figs. 3–4",
            PaperWords = "Furthermore, the patterns persist over a range of network architectures and training configurations. And finally, as Fig. 3 and 4 show the patterns approximate their corresponding PNCs, with a striking accuracy in simpler models and training plans.",
            Profile = "quick",
            Seeds = Seeds,
            Parameters = new JsonObject
            {
                ["datasets"] = new JsonArray("MNIST", "F-MNIST"),
                ["configurations"] = new JsonArray("FC SGD", "FC Adam", "CNN SGD", "CNN Adam", "CNN* SGD", "CNN* Adam"),
                ["methods"] = new JsonArray("zero feed", "noise feed"),
                ["attack"] = new JsonObject { ["maxIterations"] = 200, ["learningRate"] = 0.1 },
                ["reductions"] = new JsonObject { ["attack.maxIterations"] = "1000 → 200", ["configurationsShown"] = "6 → 3" },
            },
            Readings = new Dictionary<string, string>
            {
                ["attackLoss"] = "cross-entropy between the prediction and the one-hot target",
                ["pncNormalisation"] = "each average image min–max normalised to [0, 1] before subtracting",
                ["handPicked"] = "the method whose AP correlates best with the PNC (the paper hand-picked by clarity)",
            },
            Metrics = D(("meanDiagonalR_MNIST", M(0.74, 0.76, 0.73)), ("meanDiagonalR_FMNIST", M(0.69, 0.7, 0.68)),
                ("diagonalIsRowMax", M(0.93, 0.95, 0.9)), ("failedAttacks", M(1, 1, 1))),
            Checks =
            [
                new Check("APs correlate with their own PNC", "mean r(AP_c, PNC_c)", "≥", 0.5, 0.7133, true),
                new Check("own PNC is the closest", "share of rows whose max is on the diagonal", "≥", 0.8, 0.9267, true),
            ],
            Threshold = "mean r(AP_c, PNC_c) ≥ 0.5 and the diagonal is the row maximum in ≥ 80% of classes",
            Verdict = Verdict.Re,
            WallSeconds = 2210.45,
            Timings = D(("secondsPerAp", M(1.92, 2.01, 1.97)), ("secondsPerPnc", M(0.31, 0.29, 0.3))),
            Images = images,
            Matrices =
            [
                new MatrixRecord("Figure3", "r(AP, PNC), FC SGD", Classes, Classes, Correlations(10, 10, 0.81, 0.08, 1), "diagonal mean r = 0.79; diagonal is the row maximum in 10/10 classes."),
                new MatrixRecord("Figure3", "r(AP, PNC), CNN* SGD", Classes, Classes, cnn, "diagonal mean r = 0.60 over 9 classes (class 7: attack failed); row maximum in 8/9."),
                new MatrixRecord("Figure4", "r(AP, PNC), FC Adam", Classes, Classes, Correlations(10, 10, 0.7, 0.1, 2), "diagonal mean r = 0.68; diagonal is the row maximum in 9/10 classes."),
            ],
            Environment = Env(50),
        };
    }

    // ---- C5: clarity versus complexity ([¬Re]) --------------------------------------------------------------------

    private static ClaimResult C5()
    {
        string[] configs = ["FC SGD", "FC Adam", "CNN SGD", "CNN Adam", "CNN* SGD", "CNN* Adam"];
        double[][] clarity = [[0.79, 0.55, 0.66, 0.61, 0.58, 0.52], [0.71, 0.6, 0.59, 0.63, 0.5, 0.49]];
        return new ClaimResult
        {
            Id = "C5",
            Title = "Clarity of the patterns falls as complexity grows",
            Section = "§3",
            PaperWords = "However, as the complexity of the architectures and optimizers grow, the clarity of the patterns deteriorate. Even so, the less intelligible APs highlight some features of the same patterns.",
            Profile = "quick",
            Seeds = Seeds,
            Parameters = new JsonObject
            {
                ["complexityOrder"] = new JsonArray(configs.Select(c => (JsonNode)c).ToArray()),
                ["clarity"] = "mean r(AP_c, PNC_c) over classes",
            },
            Readings = new Dictionary<string, string>
            {
                ["complexityOrder"] = "FC < CNN < CNN*, SGD < Adam within an architecture",
                ["clarity"] = "mean r(AP_c, PNC_c) over the ten classes",
            },
            Metrics = D(("spearmanComplexityClarity", M(-0.14, -0.2, -0.09)), ("clarityFcSgd", M(0.79, 0.75, 0.77))),
            Checks =
            [
                new Check("clarity falls with complexity", "Spearman ρ(complexity, clarity)", "≤", -0.5, -0.1433, false),
                new Check("simplest model clearest", "clarity(FC SGD) − max clarity(others)", "≥", 0, 0.08, true),
            ],
            Threshold = "Spearman ρ(complexity rank, clarity) ≤ −0.5 on both datasets",
            Verdict = Verdict.NotRe,
            Finding = "Clarity did not fall monotonically with complexity: ρ = −0.14. CNN Adam (0.61) scored above FC Adam (0.55) on MNIST; only the simplest model (FC SGD) was clearly the clearest.",
            WallSeconds = 12.5,
            Matrices = [new MatrixRecord("Clarity", "clarity by configuration", ["MNIST", "F-MNIST"], configs, clarity, "clarity = mean r(AP_c, PNC_c); highest for FC SGD on both datasets.")],
            Environment = Env(90),
        };
    }

    // ---- C6: Figures 5 and 6 --------------------------------------------------------------------------------------

    private static ClaimResult C6()
    {
        string[] cls = ["Class 0", "Class 1", "Class 2", "Class 3"];
        var images = new List<ImageRecord>();
        foreach (var (figure, overlapping) in new[] { ("Figure5", false), ("Figure6", true) })
        {
            images.AddRange(cls.Select((c, i) => new ImageRecord(figure, "Class image", c, 6, 6, Patch(i, overlapping))));
            images.AddRange(cls.Select((c, i) => new ImageRecord(figure, "PNC", c, 6, 6, Pnc(i, overlapping))));
            images.AddRange(cls.Select((c, i) => new ImageRecord(figure, "AP", c, 6, 6, Ap(Pnc(i, overlapping), i))));
        }
        return new ClaimResult
        {
            Id = "C6",
            Title = "Figures 5–6: dummy datasets (tiling, overlapping)",
            Section = "§2.6, §3, Figs. 5–6",
            PaperWords = "For the tiling dataset, all PNCs precisely match their corresponding class (see Fig. 5). [...] the overlapping dataset [...] Therefore, the PNCs differ from their corresponding class (see Fig. 6). The experiment with the tiling and overlapping datasets back this finding (see Fig. 5 & 6).",
            Profile = "quick",
            Seeds = Seeds,
            Parameters = new JsonObject
            {
                ["architecture"] = "FC [36, 200, 50, 4]",
                ["optimizer"] = "SGD",
                ["targetAccuracy"] = 1.0,
                ["targetLoss"] = 5.8e-4,
                ["patch"] = new JsonObject { ["tiling"] = "3x3 at the four corners", ["overlapping"] = "4x4 shifted by 2" },
            },
            Readings = new Dictionary<string, string>
            {
                ["dummyImageSize"] = "6 × 6 (the FC input is 36)",
                ["overlappingLayout"] = "4 × 4 squares at offsets (0,0), (0,2), (2,0), (2,2)",
            },
            Metrics = D(("rPncClassTiling", M(1, 1, 1)), ("rPncClassOverlapping", M(0.58, 0.58, 0.58)), ("rApPncTiling", M(0.93, 0.95, 0.94)), ("rApPncOverlapping", M(0.88, 0.86, 0.9))),
            Checks =
            [
                new Check("tiling: PNC = class image", "min r(PNC_c, class_c), tiling", "≥", 0.99, 1, true),
                new Check("overlapping: PNC differs from class image", "max r(PNC_c, class_c), overlapping", "≤", 0.9, 0.58, true),
                new Check("APs approximate PNCs", "min r(AP_c, PNC_c)", "≥", 0.6, 0.86, true),
            ],
            Threshold = "tiling: r(PNC, class) ≥ 0.99; overlapping: r(PNC, class) ≤ 0.9; r(AP, PNC) ≥ 0.6",
            Verdict = Verdict.Re,
            WallSeconds = 48.02,
            Timings = D(("secondsPerAp", M(0.41, 0.39, 0.43)), ("secondsPerTraining", M(3.2, 3.1, 3.4))),
            Images = images,
            Matrices =
            [
                new MatrixRecord("Figure5", "r(AP, PNC), tiling", cls, cls, Correlations(4, 4, 0.95, -0.3, 4), "diagonal mean r = 0.94; every AP closest to its own PNC."),
                new MatrixRecord("Figure6", "r(AP, PNC), overlapping", cls, cls, Correlations(4, 4, 0.9, -0.1, 5), "diagonal mean r = 0.88; PNCs differ from the class images (r = 0.58)."),
            ],
            Environment = Env(100),
        };
    }

    // ---- C7: cost -------------------------------------------------------------------------------------------------

    private static ClaimResult C7() => new()
    {
        Id = "C7",
        Title = "Cost of each stage (§2.7)",
        Section = "§2.7",
        PaperWords = "On this system, generating an AAI with 30 ADEs, with a stop condition of maximum iteration set to 1,000 took 5 minutes on average. For an AP with either zero or noise method, with the same stop condition, the duration plummeted to only 5 seconds.",
        Profile = "quick",
        Seeds = [0],
        Parameters = new JsonObject { ["maxIterations"] = 1000, ["aaiBatch"] = 30, ["repeats"] = 3 },
        Readings = new Dictionary<string, string> { ["timedStage"] = "wall time of the attack loop only, data loading excluded" },
        Metrics = D(("aaiOverApRatio", M(31.4, 30.8, 32.1))),
        Checks = [new Check("an AAI costs far more than an AP", "secondsPer30AdeAai / secondsPerAp", "≥", 10, 31.43, true)],
        Threshold = "an AAI of 30 ADEs costs ≥ 10 × an AP (paper: 60 ×)",
        Verdict = Verdict.Re,
        WallSeconds = 640.0,
        Timings = D(("secondsPerAp", M(6.02, 5.97, 6.11)), ("secondsPer30AdeAai", M(189.5, 187.2, 192.9))),
        Environment = Env(120, threads: 1),
    };
}
