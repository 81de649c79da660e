using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.Runtime;

/// <summary>An event to append to a stream: its type name and its payload (serialized with the grain JSON contracts).</summary>
public sealed record StreamEventData(StreamId Stream, string EventType, object Payload)
{
    /// <summary>
    /// The type to serialize the payload as; default its runtime type. Give a polymorphic base type so the payload carries its
    /// type discriminator and consumers can read it as the base type.
    /// </summary>
    public Type? PayloadType { get; init; }
}

/// <summary>
/// An event as a consumer receives it. <see cref="Sequence"/> numbers the events of one stream 1, 2, 3, … in the
/// order they were committed; delivery is at least once, so a consumer drops any sequence it has already handled.
/// </summary>
public sealed record StreamEvent(StreamId Stream, long Sequence, string EventType, string PayloadJson, DateTimeOffset CreatedAt)
{
    /// <summary>Reads the payload with a source-generated contract.</summary>
    public T Read<T>(JsonTypeInfo<T> typeInfo) => JsonSerializer.Deserialize(PayloadJson, typeInfo)!;
}

/// <summary>A batch of events for one consumer grain, in order per stream.</summary>
/// <param name="Subscription">The consumer group the events come through.</param>
public sealed record StreamEventBatch(string Subscription, IReadOnlyList<StreamEvent> Events);

/// <summary>
/// A grain that consumes streams. Delivery is a grain call, so it is turn-based; a batch that throws is delivered
/// again with back-off, one event at a time, and an event that keeps failing goes to the dead letters.
/// </summary>
public interface IStreamConsumer : IGrain
{
    Task OnStreamEventsAsync(StreamEventBatch batch);
}

/// <summary>
/// Subscribes the grain class to every stream of a namespace: each stream's events go to the consumer grain whose key
/// is the stream key, or the key <see cref="KeyMapper"/> maps it to (for example all of a tenant's orders to that
/// tenant's analytics grain). The grain must implement <see cref="IStreamConsumer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string streamNamespace) : Attribute
{
    public string Namespace { get; } = streamNamespace;

    /// <summary>A type implementing <see cref="IStreamKeyMapper"/> with a public parameterless constructor; null maps a
    /// stream to the grain with the stream's key.</summary>
    public Type? KeyMapper { get; init; }
}

/// <summary>Maps a stream to the key of the consumer grain that receives it.</summary>
public interface IStreamKeyMapper
{
    string MapToGrainKey(StreamId stream);
}
