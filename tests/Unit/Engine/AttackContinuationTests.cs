using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// An attack that iterations alone stop, run on from a shorter run of itself (issue 24, item 5: the study's 10,000-iteration
/// cell goes on from the default cell's 1,000): every example the same bits as the longer run from the start.
/// </summary>
public sealed class AttackContinuationTests
{
    // One intra-op thread, as every run has: the bits of a longer run are compared at the run's own thread count.
    public AttackContinuationTests() => Repro.Experiments.Runtime.TorchRuntime.Configure(1);

    static readonly PerturbationRequest[] Requests =
    [
        new("zero 1", Feed.Zero, 1), new("noise 2", Feed.Noise, 2), new("aai 3", Feed.AdversarialAverage, 3, 4), new("noise 0", Feed.Noise, 0),
    ];

    static NetworkSpec Spec(string net) => net == "FC" ? NetworkSpec.FcMnist : Profiles.Quick.Cnn(false);

    static PerturbationRunner Runner(nn.Module<Tensor, Tensor> model, NetworkSpec spec, int iterations, AttackMemo? memo, int maxBatch) =>
        new(new InputGradientAttack(model, spec.ClassCount, new AttackSettings { LearningRate = spec.Architecture == Architecture.Fc ? 40 : 60, Stop = StopCondition.Iterations(iterations) }),
            spec.InputHeight, spec.InputWidth, 0.3, maxBatch)
        { Memo = memo };

    [Theory]
    [InlineData("FC", 4096)]
    [InlineData("FC", 3)]
    [InlineData("CNN", 4096)]
    [InlineData("CNN", 3)]
    public void Given_a_shorter_run_in_the_memo_When_a_longer_one_is_asked_for_Then_it_goes_on_from_there_to_the_same_bits_as_from_the_start(string net, int maxBatch)
    {
        var spec = Spec(net);
        using var model = Trainer.CreateSeeded(spec, seed: 5);
        int shorter = net == "FC" ? 12 : 4, longer = net == "FC" ? 30 : 9;
        var fresh = Runner(model, spec, longer, null, maxBatch).RunTimed(Requests, 7);
        var memo = new AttackMemo();

        var first = Runner(model, spec, shorter, memo, maxBatch).RunTimed(Requests, 7);
        var continued = Runner(model, spec, longer, memo, maxBatch).RunTimed(Requests, 7);

        Assert.Equal(1, memo.Continued);
        Assert.Equal(0, memo.Reused);
        AssertSameBits(fresh.Results, continued.Results);
        Assert.All(continued.Results.SelectMany(r => r.Examples), e => Assert.Equal((longer, StopReason.MaxIterations), (e.Iterations, e.StoppedBy)));
        Assert.True(continued.Seconds >= first.Seconds, "the longer attack's seconds include the shorter run's");
    }

    [Fact]
    public void Given_a_sample_that_diverged_in_the_shorter_run_When_the_batch_goes_on_Then_it_stays_as_it_stopped_and_the_others_match_the_longer_run()
    {
        using var model = Linear();
        var settings = new AttackSettings { LearningRate = 0.5, Stop = StopCondition.Iterations(40) };
        var attack = new InputGradientAttack(model, Classes, settings);
        using var scope = NewDisposeScope();
        using var gen = new Generator(3);
        using var sigma = 0.3.ToScalar();
        var x = randn([5, 1, Side, Side], generator: gen).mul_(sigma);
        // A sample that is not a number: it diverges at step 0, and stays frozen while the others go on.
        using var nan = float.NaN.ToScalar();
        using (no_grad()) x[1].fill_(nan);
        int[] targets = [0, 1, 2, 3, 1];

        var fresh = attack.Run(x, targets, Enumerable.Repeat(StopCondition.Iterations(40), 5).ToArray());
        var part = attack.Run(x, targets, Enumerable.Repeat(StopCondition.Iterations(15), 5).ToArray());
        var rest = attack.Run(x, targets, Enumerable.Repeat(StopCondition.Iterations(40), 5).ToArray(), from: part.Examples);

        Assert.Equal(StopReason.Diverged, fresh.Examples[1].StoppedBy);
        Assert.Equal(25, rest.Steps);
        for (int i = 0; i < 5; i++)
        {
            var (e, a) = (fresh.Examples[i], rest.Examples[i]);
            Assert.Equal((e.Iterations, e.StoppedBy, e.PredictedLabel, e.Loss, e.TargetConfidence), (a.Iterations, a.StoppedBy, a.PredictedLabel, a.Loss, a.TargetConfidence));
            Assert.True(e.Final.SequenceEqual(a.Final) && e.Initial.SequenceEqual(a.Initial), $"sample {i}: the images differ");
        }
    }

    [Fact]
    public void Given_an_attack_whose_stop_reads_the_loss_or_a_count_per_request_When_asked_for_Then_it_has_no_family_and_runs_from_the_start()
    {
        var settings = new AttackSettings { LearningRate = 0.1, Stop = StopCondition.Iterations(20) };
        Assert.Equal(20, AttackMemo.IterationsOnly(settings, Requests));
        Assert.Null(AttackMemo.IterationsOnly(settings, [Requests[0] with { Stop = new StopCondition(MaxLoss: 0.1, MaxIterations: 20) }]));
        Assert.Null(AttackMemo.IterationsOnly(settings, [Requests[0], Requests[1] with { Stop = StopCondition.Iterations(30) }]));
        Assert.Null(AttackMemo.IterationsOnly(settings with { Stop = StopCondition.FirstPrediction(20) }, Requests));
    }

    [Fact]
    public void Given_a_sample_that_stopped_on_its_loss_When_asked_to_go_on_Then_it_is_refused_by_name()
    {
        using var model = Linear();
        var attack = new InputGradientAttack(model, Classes, new AttackSettings { LearningRate = 0.5 });
        using var x = zeros(1, 1, Side, Side);
        var stopped = new AdversarialExample(0, new float[Pixels], new float[Pixels], 3, 0.01, 0.99, 0, StopReason.Loss);
        var e = Assert.Throws<ArgumentException>(() => attack.Run(x, [0], [StopCondition.Iterations(10)], from: [stopped]));
        Assert.Contains("stopped by Loss", e.Message);
    }
}
