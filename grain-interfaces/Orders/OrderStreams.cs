namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// Where order events are published: one stream per order in namespace <see cref="Namespace"/>, keyed by the order grain's key
/// (<c>{tenant}/{orderId}</c>), so stream sequence numbers equal <see cref="OrderEvent.Sequence"/>. Payloads are written as
/// <see cref="OrderEvent"/> with their <c>type</c> discriminator: read them with <c>GrainInterfacesJsonContext.Default.OrderEvent</c>.
/// </summary>
public static class OrderStreams
{
    public const string Namespace = "orders";

    public static StreamId Of(string orderKey) => new(Namespace, orderKey);

    /// <summary>The tenant of an order stream (the part of the key before the slash).</summary>
    public static string TenantOf(StreamId stream) => stream.Key[..stream.Key.IndexOf('/')];

    public static StreamEventData ToStreamEvent(string orderKey, OrderEvent e) =>
        new(Of(orderKey), e.EventType, e) { PayloadType = typeof(OrderEvent) };
}
