using System.Diagnostics;

namespace OrderCluster.Bench.Runtime;

/// <summary>Runs N concurrent loops for a fixed time and counts completed operations.</summary>
internal static class Load
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Rates of <paramref name="subject"/> and <paramref name="baseline"/> measured in alternating one-second
    /// slices, so both see the same machine load: a shared machine's noise hits both sides instead of skewing their
    /// ratio. Each side first warms up for three seconds, long enough for tiered compilation to settle.
    /// </summary>
    public static async Task<(double Subject, double Baseline)> CompareAsync(int callers, TimeSpan duration,
        Func<int, long, Task> subject, Func<int, long, Task> baseline)
    {
        await RateAsync(callers, Slice * 3, subject);
        await RateAsync(callers, Slice * 3, baseline);
        double subjectTotal = 0, baselineTotal = 0;
        var slices = Math.Max(1, (int)Math.Round(duration / Slice));
        for (var i = 0; i < slices; i++)
        {
            subjectTotal += await RateAsync(callers, Slice, subject);
            baselineTotal += await RateAsync(callers, Slice, baseline);
        }

        return (subjectTotal / slices, baselineTotal / slices);
    }

    /// <summary>Operations per second of <paramref name="operation"/> (called with the caller index and a sequence number).</summary>
    public static async Task<double> RateAsync(int callers, TimeSpan duration, Func<int, long, Task> operation)
    {
        long completed = 0;
        var stop = false;
        var watch = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            long sequence = 0;
            while (!Volatile.Read(ref stop))
            {
                await operation(caller, sequence++);
                Interlocked.Increment(ref completed);
            }
        })).ToArray();
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(loops);
        return Interlocked.Read(ref completed) / watch.Elapsed.TotalSeconds;
    }
}
