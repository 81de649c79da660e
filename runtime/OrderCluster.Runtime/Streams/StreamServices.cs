using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>What the stream readers of this silo share: storage, grains, the clock, options, metrics and the wake-up hook.</summary>
internal sealed class StreamServices(
    IStreamStore store, IGrainFactory grains, TimeProvider time, IOptions<StreamOptions> options, StreamMetrics metrics,
    ILogger<StreamServices> logger)
{
    /// <summary>How often a reader asks its group's control grain whether a reset happened.</summary>
    public static readonly TimeSpan EpochCheckInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (long Epoch, DateTimeOffset ReadAt)> _epochs = new();

    public IStreamStore Store => store;

    public IGrainFactory Grains => grains;

    public TimeProvider Time => time;

    public StreamOptions Options => options.Value;

    public StreamMetrics Metrics => metrics;

    public ILogger Logger => logger;

    /// <summary>Set by the pulling service: wakes the reader of a partition.</summary>
    public Action<int> Wake { get; set; } = _ => { };

    public TimeSpan Backoff(int attempts) => TimeSpan.FromTicks(Math.Min(Options.MaxRetryBackoff.Ticks,
        Options.RetryBackoff.Ticks * (1L << Math.Min(attempts - 1, 20))));

    /// <summary>
    /// The group's reset epoch, read from its control grain at most once per <see cref="EpochCheckInterval"/> for all of this
    /// silo's partitions (so readers do not call the grain once per partition).
    /// </summary>
    public async Task<long> EpochAsync(string group)
    {
        var now = time.GetUtcNow();
        if (_epochs.TryGetValue(group, out var known) && now - known.ReadAt < EpochCheckInterval) return known.Epoch;
        var epoch = await grains.GetGrain<IStreamGroupControlGrain>(group).GetEpochAsync();
        _epochs[group] = (epoch, now);
        return epoch;
    }

    /// <summary>Delivers events to a consumer grain (a grain call, so it runs in the grain's turn).</summary>
    public Task Deliver(string group, GrainId target, IReadOnlyList<StreamEvent> events) =>
        grains.GetGrain<IStreamConsumer>(target).OnStreamEventsAsync(new StreamEventBatch(group, events));
}
