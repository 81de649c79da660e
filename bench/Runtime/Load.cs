using System.Diagnostics;

namespace OrderCluster.Bench.Runtime;

/// <summary>Runs N concurrent loops for a fixed time and counts completed operations.</summary>
internal static class Load
{
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
