using OrderCluster.Runtime.State;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>Publishing without state: the events commit on their own (group-committed with other writes).</summary>
internal sealed class StreamPublisher(GrainWriteBatcher writes, StreamAppender appender) : IStreamPublisher
{
    private static readonly GrainId Publisher = new("stream-publisher", "");

    public async Task<IReadOnlyList<long>> PublishAsync(IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken = default)
    {
        var appends = appender.ToAppends(events);
        if (appends.Count == 0) return [];
        var result = await writes.CommitAsync(new GrainWrite(Publisher, null, []) { Events = appends });
        appender.Appended(appends);
        return result.Sequences ?? [];
    }
}
