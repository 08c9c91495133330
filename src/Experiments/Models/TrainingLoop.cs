using System.Diagnostics;
using Repro.Experiments.Data;
using Repro.Experiments.Models.Optimizers;
using Repro.Experiments.Runtime;
using Repro.Results;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Experiments.Models;

/// <summary>
/// The training loop: optimizer steps over shuffled batches of the training partition, with a stopping check on the
/// validation split, until the target is met or the epoch limit is reached; then the test set is evaluated.
/// </summary>
/// <param name="stopChecksEarly">Whether a stopping check other than the last may stop once the target is out of reach
/// (<see cref="Trainer.StopChecksEarly"/>).</param>
/// <param name="stages">Where the training and its evaluation are recorded as stages; observation only.</param>
public sealed class TrainingLoop(Device device, bool stopChecksEarly, StageLog? stages)
{
    private readonly Device _device = device;

    /// <summary>Optimizer steps to the epoch limit: whole epochs of ⌈samples ÷ batch⌉ steps, a fractional limit rounded up.</summary>
    public static long MaxSteps(TrainingSpec spec, int trainingSamples) =>
        (long)Math.Ceiling(spec.MaxEpochs * ((trainingSamples + spec.BatchSize - 1) / spec.BatchSize));

    /// <summary>Trains <paramref name="model"/> in place and reports what it reached.</summary>
    public TrainingReport Run(nn.Module<Tensor, Tensor> model, NetworkSpec network, TrainingSpec spec, DatasetSplit data, TrainingPartition partition, string key,
        IProgress<TrainingProgress>? progress, CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        // Time spent evaluating (the stopping checks, then the test set) is kept apart from the optimizer steps.
        var whole = StageWatch.Start();
        double evalWall = 0, evalThread = 0;
        long trainedSamples = 0, evaluatedSamples = 0, checks = 0, stoppedChecks = 0;
        using var outer = NewDisposeScope();
        // Views into the full tensors: the held-out images stay in memory but are never indexed by a training batch.
        var (allX, allY) = Evaluator.ToTensors(data.Train, _device);
        var (testX, testY) = Evaluator.ToTensors(data.Test, _device);
        var (sourceX, sourceY) = partition.ValidationOnTest ? (testX, testY) : (allX, allY);
        var valX = sourceX.narrow(0, partition.ValidationStart, partition.ValidationSamples);
        var valY = sourceY.narrow(0, partition.ValidationStart, partition.ValidationSamples);
        var trainX = allX.narrow(0, 0, partition.TrainingSamples);
        var trainY = allY.narrow(0, 0, partition.TrainingSamples);

        using var optimizer = HeldScalarOptimizer.For(spec.Optimizer, model.parameters(), spec.EffectiveLearningRate, spec.Momentum);
        var rng = new Random(spec.Seed);
        int n = partition.TrainingSamples;
        int stepsPerEpoch = (n + spec.BatchSize - 1) / spec.BatchSize;
        long maxSteps = MaxSteps(spec, n);
        long step = 0, checkedAt = -1;
        bool reached = false;
        double valAcc = double.NaN, valLoss = double.NaN;
        // The stopping check: validation accuracy and loss, a clear error when the loss is no longer finite.
        // Every check but the last may stop once the accuracy target is out of reach (the same decision, see
        // EvaluateUntilOutOfReach); the last one is whole, because its numbers go into the report. A stopped check sees
        // a non-finite loss only in the images it read: diverged weights give one everywhere, so divergence is still
        // reported, at worst a check later than a whole check would have.
        void Check()
        {
            var checkWatch = StageWatch.Start();
            var check = Evaluator.EvaluateUntilOutOfReach(model, valX, valY, stopChecksEarly && step < maxSteps ? spec.TargetAccuracy : null, chunk: Evaluator.EvaluationChunk(network));
            (valAcc, valLoss) = (check.Accuracy, check.Loss);
            evalWall += checkWatch.WallSeconds;
            evalThread += checkWatch.ThreadSeconds;
            evaluatedSamples += check.Evaluated;
            checks++;
            if (!check.Complete) stoppedChecks++;
            checkedAt = step;
            if (!double.IsFinite(valLoss))
                throw new InvalidOperationException($"Training {key} diverged: the validation loss is {valLoss} after {step} steps; lower the learning rate ({spec.EffectiveLearningRate:g3}).");
            progress?.Report(new TrainingProgress((double)step / stepsPerEpoch, spec.MaxEpochs, valAcc, valLoss, check.Complete));
            reached = check.Complete && valAcc >= spec.TargetAccuracy && (spec.TargetLoss is not { } tl || valLoss <= tl);
        }
        var order = Enumerable.Range(0, n).ToArray();
        while (step < maxSteps && !reached)
        {
            rng.Shuffle(order);
            for (int b = 0; b < stepsPerEpoch && step < maxSteps; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using (var scope = NewDisposeScope())
                {
                    model.train();
                    int start = b * spec.BatchSize, count = Math.Min(spec.BatchSize, n - start);
                    var idx = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray(), device: _device);
                    var logits = model.forward(trainX.index_select(0, idx));
                    var loss = nn.functional.cross_entropy(logits, trainY.index_select(0, idx));
                    optimizer.ZeroGrad();
                    loss.backward();
                    optimizer.Step();
                    trainedSamples += count;
                }
                step++;
                if (step % spec.EvaluateEverySteps == 0 || b == stepsPerEpoch - 1)
                {
                    Check();
                    if (reached) break;
                }
            }
        }
        // A fractional epoch limit can end between checks: the validation numbers are those of the returned weights.
        if (checkedAt != step) Check();
        var testWatch = StageWatch.Start();
        var (testAcc, testLoss) = Evaluator.Evaluate(model, testX, testY, chunk: Evaluator.EvaluationChunk(network));
        evalWall += testWatch.WallSeconds;
        evalThread += testWatch.ThreadSeconds;
        model.eval();
        if (stages is not null)
        {
            string name = key[..key.LastIndexOf('-')];
            double forward = FlopCount.Forward(network);
            int threads = Math.Max(TorchRuntime.IntraOpThreads, 1);
            stages.Record(new StageRecord($"train {name}", StageKind.Training, null, threads, whole.WallSeconds - evalWall, whole.ThreadSeconds - evalThread,
                FlopCount.Training(network, trainedSamples), $"{step:N0} steps, {trainedSamples:N0} samples × 3 forward"));
            stages.Record(new StageRecord($"evaluate {name}", StageKind.Evaluation, null, threads, evalWall, evalThread,
                forward * (evaluatedSamples + data.Test.Count),
                $"{checks} stopping checks of {partition.ValidationSamples:N0} images ({stoppedChecks} stopped once the target was out of reach; {evaluatedSamples:N0} images read), then {data.Test.Count:N0} test images"));
        }
        return new TrainingReport(testAcc, testLoss, valAcc, valLoss, partition.TrainingSamples, partition.ValidationSamples,
            (double)step / stepsPerEpoch, step, reached, watch.Elapsed.TotalSeconds, false, key);
    }
}
