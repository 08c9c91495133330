using System.Diagnostics;
using Repro.Results;
using static TorchSharp.torch;

namespace Repro.Experiments.Runtime;

/// <summary>
/// The machine's float32 matmul rate through libtorch at given thread counts: the yardstick of every stage's FLOP
/// rate and of the run's floor. It sets libtorch's process-wide thread count, so it runs before any parallel work and
/// restores the setting it found.
/// </summary>
public static class MatmulProbe
{
    /// <param name="threadCounts">Thread counts to measure, each once.</param>
    /// <param name="size">n of the n×n matrices; 512 keeps a product in the caches' reach and fast enough to repeat.</param>
    /// <param name="seconds">Wanted time per thread count.</param>
    public static IReadOnlyList<MatmulRate> Measure(IEnumerable<int> threadCounts, int size = 512, double seconds = 0.4, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        int restore = TorchRuntime.IntraOpThreads;
        var rates = new List<MatmulRate>();
        using var scope = NewDisposeScope();
        using var gen = new Generator(1);
        var a = randn([size, size], generator: gen);
        var b = randn([size, size], generator: gen);
        try
        {
            foreach (var t in threadCounts.Distinct().Order())
            {
                cancel.ThrowIfCancellationRequested();
                TorchRuntime.Configure(t);
                double Products(int count)
                {
                    var watch = Stopwatch.StartNew();
                    for (int i = 0; i < count; i++)
                    {
                        cancel.ThrowIfCancellationRequested();
                        using var c = a.mm(b);
                    }
                    return watch.Elapsed.TotalSeconds;
                }
                Products(2); // warm-up: thread pool start, first-call dispatch
                double per = Math.Max(Products(2) / 2, 1e-6);
                int count = (int)Math.Clamp(seconds / per, 3, 100_000);
                rates.Add(new MatmulRate(t, size, count * 2.0 * size * size * size / Products(count)));
            }
        }
        finally
        {
            if (restore >= 1) TorchRuntime.Configure(restore);
        }
        return rates;
    }
}
