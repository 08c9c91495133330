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

    /// <summary>
    /// The rate with every core busy: <paramref name="workers"/> dedicated threads, each running one-thread matmuls on its own
    /// matrices, started together by a barrier and stopped together by one deadline; the sum of their rates. libtorch's
    /// thread count is process-wide, so it is set to one for the whole measurement and restored after.
    /// </summary>
    public static ConcurrentMatmulRate MeasureConcurrent(int workers, int size = 512, double seconds = 0.4, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        int restore = TorchRuntime.IntraOpThreads;
        TorchRuntime.Configure(1);
        try
        {
            var rates = new double[workers];
            var errors = new Exception?[workers];
            using var ready = new Barrier(workers);
            long deadline = 0;
            var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
            {
                bool arrived = false;
                try
                {
                    using var scope = NewDisposeScope();
                    using var gen = new Generator(1 + (ulong)w);
                    var a = randn([size, size], generator: gen);
                    var b = randn([size, size], generator: gen);
                    for (int i = 0; i < 2; i++) { using var c = a.mm(b); } // warm-up: first-call dispatch, this thread's pools
                    arrived = true;
                    ready.SignalAndWait(cancel);
                    // The first worker through sets the deadline; every worker runs until it, so none runs alone at the end.
                    Interlocked.CompareExchange(ref deadline, Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency), 0);
                    var watch = Stopwatch.StartNew();
                    long count = 0;
                    do
                    {
                        cancel.ThrowIfCancellationRequested();
                        using var c = a.mm(b);
                        count++;
                    } while (Stopwatch.GetTimestamp() < Interlocked.Read(ref deadline));
                    rates[w] = count * 2.0 * size * size * size / watch.Elapsed.TotalSeconds;
                }
                catch (Exception e)
                {
                    errors[w] = e;
                    if (!arrived) ready.RemoveParticipant(); // so the others are not left waiting at the barrier
                }
            })
            { IsBackground = true, Name = $"matmul probe {w}" }).ToList();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            cancel.ThrowIfCancellationRequested();
            if (errors.FirstOrDefault(e => e is not null) is { } error) throw new InvalidOperationException("A concurrent matmul worker failed.", error);
            return new ConcurrentMatmulRate(workers, size, rates.Sum(), rates);
        }
        finally
        {
            if (restore >= 1) TorchRuntime.Configure(restore);
        }
    }
}
