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

    /// <summary>How often the partitions' heads are read (for lag, and to move groups past other namespaces' events).</summary>
    public static readonly TimeSpan HeadsReadInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (long Epoch, DateTimeOffset ReadAt)> _epochs = new();
    private readonly Lock _headsLock = new();
    private Task<IReadOnlyDictionary<int, long>>? _heads;
    private DateTimeOffset _headsReadAt;

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

    /// <summary>
    /// Every partition's last position, read at most once per <see cref="HeadsReadInterval"/> for all of this silo's partition readers
    /// (one query returns them all). A value may be older than the interval, never newer than what storage holds.
    /// </summary>
    public Task<IReadOnlyDictionary<int, long>> HeadsAsync()
    {
        lock (_headsLock)
        {
            var now = time.GetUtcNow();
            if (_heads is null || _heads.IsFaulted || _heads.IsCanceled || now - _headsReadAt >= HeadsReadInterval)
            {
                _heads = store.ReadHeadsAsync(CancellationToken.None);
                _headsReadAt = now;
            }

            return _heads;
        }
    }

    /// <summary>Delivers events to a consumer grain (a grain call, so it runs in the grain's turn).</summary>
    public Task Deliver(string group, GrainId target, IReadOnlyList<StreamEvent> events) =>
        grains.GetGrain<IStreamConsumer>(target).OnStreamEventsAsync(new StreamEventBatch(group, events));
}
