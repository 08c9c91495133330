using System.Diagnostics;
using Repro.Experiments.Attacks;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;
using static Repro.Experiments.Claims.ClaimKit;

namespace Repro.Experiments.Claims;

/// <summary>
/// C7 — §2.7: on a GTX 1070 an AP took 5 s and a 30-ADE AAI 5 min (1,000 iterations each). We
/// record the same costs on this machine, one ADE at a time as the paper did and batched as we
/// do. Timings are recorded beside the paper's, never judged and never asserted in tests.
/// </summary>
public sealed class C7CostOfAbstraction : IClaim
{
    public ClaimInfo Info => PaperClaims.C7;

    /// <summary>False: its attacks are timed one at a time, so no cache answers them.</summary>
    public bool Cached => false;
    /// <summary>True: its seconds per AP and per AAI are measured with nothing else running.</summary>
    public bool Alone => true;
    public string Id => Info.Id;
    public const double PaperSecondsPerAp = 5, PaperSecondsPerAai = 300;

    public ClaimResult Run(ClaimContext ctx)
    {
        var watch = Stopwatch.StartNew();
        var p = ctx.Profile;
        var data = Mnist(ctx);
        var timings = new Dictionary<string, Metric>();
        var seed = p.FcSeeds[0];
        var training = MethodNetworkTraining(seed, p);
        using var fc = ctx.Trainer.TrainOrLoad(NetworkSpec.FcMnist, training, data, cancel: ctx.Cancel);
        var cnnConfig = Table1Configuration.MnistCnnSgd;
        using var cnn = ctx.Trainer.TrainOrLoad(cnnConfig.Network(p), cnnConfig.Training(p, p.CnnSeeds[0]), data, cancel: ctx.Cancel);

        foreach (var (name, model) in new[] { ("FC", fc), ("CNN", cnn) })
        {
            var runner = new PerturbationRunner(new InputGradientAttack(model.Model, 10, Attack(p)), 28, 28, p.NoiseSigma, p.MaxAttackBatch)
            { Stage = Stage(ctx, $"MNIST {name} s{model.Training.Seed}", model.Network) };
            // One at a time, as the paper generated them: a zero-feed AP, then a noise-fed 30-ADE AAI ADE by ADE.
            var t = Stopwatch.StartNew();
            runner.Run([new PerturbationRequest("zero 5", Feed.Zero, 5)], seed, ctx.Device, cancel: ctx.Cancel);
            timings[$"secondsPerAp.oneAtATime.{name}"] = Metric.Single(t.Elapsed.TotalSeconds);
            int aaiSingles = name == "FC" ? 30 : 3; // the CNN's one-at-a-time AAI is extrapolated from 3 ADEs
            t.Restart();
            for (int i = 0; i < aaiSingles; i++)
                runner.Run([new PerturbationRequest("aai ade", Feed.Noise, 5)], seed + i, ctx.Device, cancel: ctx.Cancel);
            timings[$"secondsPer30AdeAai.oneAtATime.{name}"] = Metric.Single(t.Elapsed.TotalSeconds * 30 / aaiSingles);
            // Batched, as we do: all ten classes in one tensor; an AAI's 30 ADEs in one tensor.
            t.Restart();
            runner.Run(Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"zero {c}", Feed.Zero, c)).ToArray(), seed, ctx.Device, cancel: ctx.Cancel);
            timings[$"secondsPerAp.batched.{name}"] = Metric.Single(t.Elapsed.TotalSeconds / 10);
            t.Restart();
            runner.Run([new PerturbationRequest("aai 5", Feed.AdversarialAverage, 5, 30)], seed, ctx.Device, cancel: ctx.Cancel);
            timings[$"secondsPer30AdeAai.batched.{name}"] = Metric.Single(t.Elapsed.TotalSeconds);
            timings[$"secondsPerTraining.{name}"] = Metric.Single(model.Report.Seconds);
        }
        timings["secondsPerAp"] = timings["secondsPerAp.oneAtATime.FC"];
        timings["secondsPer30AdeAai"] = timings["secondsPer30AdeAai.oneAtATime.FC"];
        timings["secondsPerTraining"] = timings["secondsPerTraining.FC"];

        // A modern CPU against a 2016 GPU says nothing about the paper: the costs are recorded beside its figures, never judged.
        var checks = new RecordBuilder(Id);
        checks.Recorded("seconds per AP", [seed], [timings["secondsPerAp"].Mean], PaperSecondsPerAp,
            "the paper: 5 s on a GTX 1070");
        checks.Recorded("seconds per 30-ADE AAI", [seed], [timings["secondsPer30AdeAai"].Mean],
            PaperSecondsPerAai, "the paper: 5 min on a GTX 1070");
        var parameters = Parameters(p, new
        {
            iterations = p.Iterations, fcNetwork = NetworkSpec.FcMnist, cnnNetwork = cnnConfig.Network(p), seed,
            paper = new { secondsPerAp = PaperSecondsPerAp, secondsPer30AdeAai = PaperSecondsPerAai, device = "NVIDIA GeForce GTX 1070" },
            note = "timings depend on the machine; they are compared, never asserted in tests. Training seconds are those of the first training (a cache hit keeps them).",
        });
        return Result(ctx, this, [seed], parameters, CommonReadings(p), timings, checks,
            $"recorded beside the paper's {PaperSecondsPerAp} s per AP and {PaperSecondsPerAai / 60} min per 30-ADE AAI (GTX 1070)", watch, timings);
    }
}
