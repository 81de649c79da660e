using OrderCluster.Runtime;

namespace OrderCluster.Bench.Streams;

/// <summary>Records, for every event it consumes, the time from commit to handling.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencies = new(1 << 20);
    private long _events;

    public bool Recording { get; set; }

    public long Events => Interlocked.Read(ref _events);

    public void Record(DateTimeOffset createdAt, DateTimeOffset handledAt)
    {
        Interlocked.Increment(ref _events);
        if (!Recording) return;
        lock (_lock) _latencies.Add((handledAt - createdAt).TotalMilliseconds);
    }

    public (double P50, double P99) Percentiles()
    {
        lock (_lock)
        {
            if (_latencies.Count == 0) return (0, 0);
            var sorted = _latencies.Order().ToArray();
            return (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
        }
    }

    public void Reset()
    {
        lock (_lock) _latencies.Clear();
        Interlocked.Exchange(ref _events, 0);
    }
}

public interface ILatencyConsumerGrain : IGrainWithStringKey, IStreamConsumer;

[ImplicitStreamSubscription("bench")]
public sealed class LatencyConsumerGrain(LatencyRecorder recorder, TimeProvider time) : Grain, ILatencyConsumerGrain
{
    public Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        var now = time.GetUtcNow();
        foreach (var e in batch.Events) recorder.Record(e.CreatedAt, now);
        return Task.CompletedTask;
    }
}

public sealed record BenchEvent(int Value);
