using Repro.Experiments.Analysis;
using Repro.Experiments.Attacks;
using Repro.Experiments.Claims;
using Repro.Experiments.Models;
using Repro.Experiments.Perturbations;
using Repro.Results;

namespace Repro.Experiments.Sensitivity;

/// <summary>
/// Whether the max-pool tie artifact is present: the lattice share (<see cref="LatticeShare"/>) of the first attack step
/// of zero feed, from exact zeros and from jittered zeros, per CNN network of the profile and seed (mean over the ten classes).
/// </summary>
public static class LatticeProbe
{
    public static Dictionary<string, Metric> Measure(ClaimContext ctx, double jitter)
    {
        var p = ctx.Profile;
        var probes = new Dictionary<string, Metric>();
        foreach (var config in p.Table1Configurations.Where(c => c.Architecture != Architecture.Fc))
        {
            var exact = new List<double>();
            var jittered = new List<double>();
            foreach (var seed in config.Seeds(p).Skip(p.FixedFeeds is null ? 0 : 1)) // the seeds the cell judges
            {
                using var net = ctx.Trainer.TrainOrLoad(config.Network(p), config.Training(p, seed), ctx.Dataset(config.Dataset), cancel: ctx.Cancel);
                var attack = new InputGradientAttack(net.Model, 10, ClaimKit.Attack(p, StopCondition.Iterations(1)));
                var requests = Enumerable.Range(0, 10).Select(c => new PerturbationRequest($"zero {c}", Feed.Zero, c)).ToArray();
                foreach (var (sigma, into) in new[] { (0.0, exact), (jitter, jittered) })
                {
                    var steps = new PerturbationRunner(attack, 28, 28, p.NoiseSigma, p.MaxAttackBatch, sigma).Run(requests, seed, ctx.Device, cancel: ctx.Cancel);
                    into.Add(steps.Select(s => LatticeShare.Of(s.Image, 28, 28)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average());
                }
            }
            probes[$"{config.Label}: lattice share of the first step, exact zeros"] = Metric.Of(exact);
            probes[$"{config.Label}: lattice share of the first step, jittered zeros"] = Metric.Of(jittered);
        }
        return probes;
    }
}
