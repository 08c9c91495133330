using Repro.Experiments.Attacks;
using Repro.Experiments.Perturbations;
using TorchSharp;
using static Repro.Unit.Tests.Engine.EngineKit;
using static TorchSharp.torch;

namespace Repro.Unit.Tests.Engine;

/// <summary>
/// The run's attack memo hands out an identical attack again: the same bits as rerunning it, in copies of their own, under the
/// caller's labels, with the time it took when it ran. Anything that changes the attack's result runs it afresh.
/// </summary>
public sealed class AttackMemoTests
{
    static readonly PerturbationRequest[] Requests =
    [
        new("zero 1", Feed.Zero, 1), new("noise 2", Feed.Noise, 2), new("aai 3", Feed.AdversarialAverage, 3, 4),
    ];

    static PerturbationRunner Runner(nn.Module<Tensor, Tensor> model, AttackMemo? memo, double lr = 0.1, IInputGradient? gradient = null,
        double sigma = 0.3, double jitter = 0) =>
        new(new InputGradientAttack(model, Classes, new AttackSettings { LearningRate = lr, Stop = StopCondition.Iterations(20) }, gradient), Side, Side, sigma,
            zeroFeedJitter: jitter)
        { Memo = memo };

    [Fact]
    public void Given_an_attack_run_once_When_an_identical_one_is_asked_for_Then_the_memo_answers_with_a_copy_of_the_same_bits_and_its_first_time()
    {
        using var model = Linear();
        var memo = new AttackMemo();
        var fresh = Runner(model, null).Run(Requests, 7);

        var first = Runner(model, memo).RunTimed(Requests, 7);
        PerturbationRequest[] relabelled = [.. Requests.Select(r => r with { Label = "other " + r.Label })];
        var second = Runner(model, memo).RunTimed(relabelled, 7);

        Assert.Equal(1, memo.Reused);
        AssertSameBits(fresh, first.Results);
        AssertSameBits(fresh, second.Results);
        Assert.Equal(first.Seconds, second.Seconds);
        Assert.Equal(relabelled, second.Results.Select(r => r.Request));
        second.Results[0].Image[0] += 1;
        second.Results[0].Examples[0].Final[0] += 1;
        AssertSameBits(fresh, Runner(model, memo).Run(Requests, 7));
    }

    [Fact]
    public void Given_an_attack_in_the_memo_When_the_seed_the_settings_a_request_or_one_weight_differ_Then_it_runs_afresh()
    {
        using var model = Linear();
        var memo = new AttackMemo();
        Runner(model, memo).Run(Requests, 7);

        Runner(model, memo).Run(Requests, 8);
        Runner(model, memo, lr: 0.2).Run(Requests, 7);
        Runner(model, memo).Run([.. Requests.Select(r => r with { Target = (r.Target + 1) % Classes })], 7);
        using (NewDisposeScope())
        using (no_grad())
        {
            var w = model.parameters().First();
            w[0, 0] = w[0, 0].item<float>() + MathF.Pow(2, -20);   // one weight, by a little
        }
        var changed = Runner(model, memo).Run(Requests, 7);

        Assert.Equal(0, memo.Reused);
        AssertSameBits(Runner(model, null).Run(Requests, 7), changed);
    }

    [Fact]
    public void Given_zero_feed_alone_or_noise_alone_When_the_other_feeds_noise_changes_Then_the_memo_still_answers_and_with_the_same_bits()
    {
        using var model = Linear();
        var memo = new AttackMemo();
        PerturbationRequest[] zeroOnly = [new("zero 1", Feed.Zero, 1), new("zero 2", Feed.Zero, 2)];
        PerturbationRequest[] noiseOnly = [new("noise 1", Feed.Noise, 1), new("aai 2", Feed.AdversarialAverage, 2, 3)];

        Runner(model, memo, sigma: 0.3).Run(zeroOnly, 7);
        var zeroUnderOtherSigma = Runner(model, memo, sigma: 1.0).Run(zeroOnly, 7);
        Runner(model, memo, jitter: 0).Run(noiseOnly, 7);
        var noiseUnderJitter = Runner(model, memo, jitter: 1e-3).Run(noiseOnly, 7);
        Runner(model, memo, sigma: 1.0).Run(Requests, 7);   // both feeds: σ counts
        Runner(model, memo, jitter: 1e-3).Run(zeroOnly, 7); // zero feed: the jitter counts

        Assert.Equal(2, memo.Reused);
        AssertSameBits(Runner(model, null, sigma: 1.0).Run(zeroOnly, 7), zeroUnderOtherSigma);
        AssertSameBits(Runner(model, null, jitter: 1e-3).Run(noiseOnly, 7), noiseUnderJitter);
    }

    [Fact]
    public void Given_an_estimated_gradient_When_run_twice_with_a_memo_Then_it_is_never_memoised()
    {
        using var model = Linear();
        var memo = new AttackMemo();
        using var nes = new NesInputGradient(model, 4, 0.01, 3);

        Runner(model, memo, gradient: nes).Run(Requests, 7);
        Runner(model, memo, gradient: nes).Run(Requests, 7);

        Assert.Equal(0, memo.Reused);
    }

    [Fact]
    public void Given_a_cancelled_attack_When_asked_for_again_Then_it_runs_rather_than_rethrowing()
    {
        using var model = Linear();
        var memo = new AttackMemo();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Runner(model, memo).Run(Requests, 7, cancel: cancelled.Token));
        var after = Runner(model, memo).Run(Requests, 7);

        Assert.Equal(0, memo.Reused);
        AssertSameBits(Runner(model, null).Run(Requests, 7), after);
    }
}
