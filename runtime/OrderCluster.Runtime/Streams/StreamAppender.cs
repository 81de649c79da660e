using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.State;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Turns published events into storage appends (partition, JSON payload, time) and, after they commit, wakes this
/// silo's readers of those partitions so local consumers see them without waiting for the next poll.
/// </summary>
internal sealed class StreamAppender(GrainJsonOptions json, TimeProvider time, IOptions<StreamOptions> options)
{
    private readonly int _partitions = options.Value.Partitions;

    /// <summary>Raised after events committed, with the partitions they went to.</summary>
    public event Action<IReadOnlyCollection<int>>? PartitionsAppended;

    public int Partitions => _partitions;

    public IReadOnlyList<StreamAppend> ToAppends(IReadOnlyList<StreamEventData> events)
    {
        if (events.Count == 0) return [];
        var now = time.GetUtcNow();
        var appends = new StreamAppend[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ArgumentException.ThrowIfNullOrEmpty(e.Stream.Namespace, nameof(StreamEventData.Stream));
            ArgumentNullException.ThrowIfNull(e.Stream.Key, nameof(StreamEventData.Stream));
            ArgumentException.ThrowIfNullOrEmpty(e.EventType, nameof(StreamEventData.EventType));
            var payload = JsonSerializer.Serialize(e.Payload, e.PayloadType ?? e.Payload.GetType(), json.Options);
            appends[i] = new StreamAppend(e.Stream, e.Stream.PartitionOf(_partitions), e.EventType, payload, now);
        }

        return appends;
    }

    public void Appended(IReadOnlyList<StreamAppend> events)
    {
        if (events.Count > 0) PartitionsAppended?.Invoke(events.Select(e => e.Partition).Distinct().ToList());
    }
}
