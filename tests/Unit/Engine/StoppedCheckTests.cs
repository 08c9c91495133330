using Repro.Experiments.Data;
using Repro.Experiments.Models;
using Repro.Results;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;
using Repro.Experiments.Runtime;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// A stopping check may stop once the target accuracy is out of reach: it decides exactly as a whole check would, so
/// training takes the same steps to the same weights.
/// </summary>
public sealed class StoppedCheckTests
{
    static (Tensor X, Tensor Y) RandomImages(int n, int seed)
    {
        using var gen = new Generator((ulong)seed);
        return (rand([n, 1, 28, 28], generator: gen), randint(0, 10, [n], generator: gen));
    }

    [Theory]
    [InlineData(Architecture.Cnn)]
    [InlineData(Architecture.Fc)]
    public void Given_targets_around_the_true_accuracy_When_checked_Then_the_check_reaches_it_exactly_when_the_whole_evaluation_does(
        Architecture architecture)
    {
        using var scope = NewDisposeScope();
        var spec = architecture == Architecture.Fc ? NetworkSpec.FcMnist : NetworkSpec.Cnn(false) with { ConvChannels = [4, 8], DenseLayers = [16, 10] };
        using var model = Trainer.CreateSeeded(spec, 3);
        var (x, y) = RandomImages(2033, 5);
        int chunk = Evaluator.EvaluationChunk(spec);
        var whole = Evaluator.Evaluate(model, x, y, chunk: chunk);
        double step = 1.0 / 2033;
        double[] targets = [0, whole.Accuracy - step, Math.BitDecrement(whole.Accuracy), whole.Accuracy, Math.BitIncrement(whole.Accuracy),
            whole.Accuracy + step, 0.5, 1.0];

        foreach (var target in targets)
        {
            var check = Evaluator.EvaluateUntilOutOfReach(model, x, y, target, chunk: chunk);
            bool reaches = whole.Accuracy >= target;
            // The training's rule: reached only on a complete check at or above the target.
            bool checkReaches = check.Complete && check.Accuracy >= target;
            Assert.True(checkReaches == reaches, $"target {target:R}: whole accuracy {whole.Accuracy:R} {(reaches ? "reaches" : "misses")} it, but the check " +
                $"{(check.Complete ? $"read everything and gives {check.Accuracy:R}" : $"stopped after {check.Evaluated} images")}");
            Assert.True(check.Complete == (check.Evaluated == 2033), $"target {target:R}: complete {check.Complete}, but {check.Evaluated} of 2,033 images read");
            if (check.Complete)
                Assert.True(check.Accuracy.Equals(whole.Accuracy) && check.Loss.Equals(whole.Loss),
                    $"target {target:R}: whole ({whole.Accuracy:R}, {whole.Loss:R}), check ({check.Accuracy:R}, {check.Loss:R})");
            else
                Assert.True(check.Accuracy < target, $"target {target:R}: a stopped check reads {check.Accuracy:R}, not below the target");
        }
        // About a tenth right: a target of one half is out of reach after about 1,100 images, within the second block of 1,000,
        // so the last 33 are never read (a CNN stops within a pass of 32 of that point, FC at the block's end).
        long read = Evaluator.EvaluateUntilOutOfReach(model, x, y, 0.5, chunk: chunk).Evaluated;
        Assert.True(read <= (architecture == Architecture.Fc ? 2000 : 1200), $"a target of 0.5 read {read} of 2,033 images");
    }

    [Fact]
    public void Given_a_training_whose_early_checks_miss_the_target_When_trained_with_and_without_stopped_checks_Then_weights_and_report_are_the_same_bits()
    {
        // 2,500 held-out images: FC reads them in blocks of 1,000, so a check can stop before the last block.
        var data = new DatasetSplit(Quadrants("quadrants", 2900, 1), Quadrants("quadrants-test", 200, 2));
        var spec = new TrainingSpec
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, BatchSize = 8, TargetAccuracy = 0.97, MaxEpochs = 6, EvaluateEverySteps = 5,
            ValidationHoldout = 2500, Seed = 11,
        };
        var network = NetworkSpec.FcDummy;

        (float[][] Weights, TrainingReport Report, string Detail, double Flops) Train(bool stopEarly)
        {
            using var folder = new TempFolder("repro-stopped-check-");
            var log = new StageLog();
            using var trained = new Trainer(folder.Path, stages: log) { StopChecksEarly = stopEarly }.TrainOrLoad(network, spec, data);
            var evaluation = log.Stages.Single(s => s.Kind == StageKind.Evaluation);
            return (Weights(trained.Model), trained.Report, evaluation.Detail!, evaluation.Flops);
        }

        var whole = Train(false);
        var stopped = Train(true);

        Assert.Equal(whole.Weights, stopped.Weights);
        Assert.Equal(whole.Report with { Seconds = 0 }, stopped.Report with { Seconds = 0 });
        Assert.Contains("(0 stopped", whole.Detail);
        Assert.DoesNotContain("(0 stopped", stopped.Detail);
        Assert.True(stopped.Flops < whole.Flops, $"stopped checks read as many images as whole ones: {stopped.Detail}");
        Assert.True(whole.Report.Steps > spec.EvaluateEverySteps, $"the target was reached at the first check ({whole.Detail}): nothing was stopped early");
    }
}
