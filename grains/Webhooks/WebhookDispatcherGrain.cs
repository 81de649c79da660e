using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Webhooks;

namespace OrderCluster.Grains.Webhooks;

/// <summary>Sends every order stream <c>{tenant}/{orderId}</c> to its tenant's webhook dispatcher.</summary>
public sealed class WebhookDispatcherKeyMapper : IStreamKeyMapper
{
    public string MapToGrainKey(StreamId stream) => OrderStreams.TenantOf(stream);
}

/// <summary>
/// A tenant's webhook dispatcher (key <c>{tenant}</c>): consumes the tenant's order streams and hands each event of a
/// subscribed type to the subscription's delivery grain, which records it before anything is sent. Events from before a
/// subscription was created are not delivered to it. A batch that fails is redelivered by the stream; delivery ids are
/// derived from subscription, order and sequence, so the delivery grain recognises the repeats.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.Namespace, KeyMapper = typeof(WebhookDispatcherKeyMapper))]
internal sealed class WebhookDispatcherGrain(ILogger<WebhookDispatcherGrain> logger) : Grain, IWebhookDispatcherGrain
{
    public async Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        var tenant = GetPrimaryKeyString();
        try
        {
            var routes = await GrainFactory.GetGrain<IWebhookSubscriptionsGrain>(TenantKeys.ForTenant(tenant)).GetRoutesAsync();
            if (routes.IsDefaultOrEmpty) return;

            var perSubscription = new Dictionary<string, List<WebhookEvent>>(StringComparer.Ordinal);
            foreach (var e in batch.Events)
            {
                var matching = routes.Where(r => WebhookRules.Matches(r.EventTypes, e.EventType)).ToList();
                if (matching.Count == 0) continue;
                var orderEvent = e.Read(GrainInterfacesJsonContext.Default.OrderEvent);
                var webhookEvent = new WebhookEvent
                {
                    EventType = e.EventType, OrderId = orderEvent.OrderId, Sequence = orderEvent.Sequence, OccurredAt = orderEvent.OccurredAt,
                    DataJson = JsonSerializer.Serialize(orderEvent, GrainInterfacesJsonContext.Default.OrderEvent),
                };
                foreach (var route in matching.Where(r => orderEvent.OccurredAt >= r.CreatedAt))
                {
                    if (!perSubscription.TryGetValue(route.SubscriptionId, out var list)) perSubscription[route.SubscriptionId] = list = [];
                    list.Add(webhookEvent);
                }
            }

            await Task.WhenAll(perSubscription.Select(p =>
                GrainFactory.GetGrain<IWebhookDeliveryGrain>(TenantKeys.For(tenant, p.Key, "subscriptionId")).EnqueueAsync([.. p.Value])));
        }
        catch (Exception ex)
        {
            WebhookLog.DispatchFailed(logger, ex, tenant, batch.Events.Count);
            throw;
        }
    }
}
