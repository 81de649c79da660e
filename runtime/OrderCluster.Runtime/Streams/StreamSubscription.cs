using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// A consumer group: which events it takes (a namespace, optionally one key) and which grain receives each stream.
/// Implicit groups come from <see cref="ImplicitStreamSubscriptionAttribute"/> on grain classes, explicit ones from
/// stored subscriptions.
/// </summary>
internal sealed record StreamSubscription(string Group, string Namespace, string? StreamKey, Func<StreamId, GrainId> Target, string ConsumerDescription, bool IsImplicit)
{
    public static StreamSubscription Implicit(string grainType, string streamNamespace, IStreamKeyMapper? mapper) =>
        new($"implicit:{grainType}:{streamNamespace}", streamNamespace, null,
            stream => new GrainId(grainType, mapper?.MapToGrainKey(stream) ?? stream.Key), grainType, IsImplicit: true);

    public static StreamSubscription Explicit(StreamSubscriptionRecord record) =>
        new(record.Id, record.Namespace, record.StreamKey, _ => record.Consumer, record.Consumer.ToString(), IsImplicit: false);

    public bool Matches(StreamId stream) => stream.Namespace == Namespace && (StreamKey is null || stream.Key == StreamKey);
}
