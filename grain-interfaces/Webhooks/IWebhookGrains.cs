namespace OrderCluster.GrainInterfaces.Webhooks;

/// <summary>
/// A tenant's webhook subscriptions, keyed <c>{tenant}</c>: URL, event types, active or disabled (with the reason), and
/// the signing secret with the previous one kept for an overlap window after a rotation. Secrets leave this grain only
/// in <see cref="CreateAsync"/> and <see cref="RotateSecretAsync"/> (once, for the caller) and in
/// <see cref="GetTargetAsync"/> (for the delivery grain, never for the API).
/// </summary>
public interface IWebhookSubscriptionsGrain : IGrainWithStringKey
{
    Task<WebhookSecretIssued> CreateAsync(CreateWebhook command);

    [ReadOnly]
    Task<ImmutableArray<WebhookSubscription>> ListAsync();

    /// <summary>Throws <see cref="NotFoundException"/> (<c>webhook-not-found</c>) for an id this tenant does not have.</summary>
    [ReadOnly]
    Task<WebhookSubscription> GetAsync(string subscriptionId);

    Task<WebhookSubscription> UpdateAsync(UpdateWebhook command);

    Task<WebhookSecretIssued> RotateSecretAsync(RotateWebhookSecret command);

    Task DeleteAsync(DeleteWebhook command);

    /// <summary>Disables an active subscription (a disabled one stays as it is).</summary>
    Task<WebhookSubscription> DisableAsync(DisableWebhook command);

    /// <summary>The active subscriptions and their event types, for the stream consumer.</summary>
    [ReadOnly]
    Task<ImmutableArray<WebhookRoute>> GetRoutesAsync();

    /// <summary>Address, status and secrets of one subscription, for its delivery grain. Not exposed over HTTP.</summary>
    [ReadOnly]
    Task<WebhookTarget> GetTargetAsync(string subscriptionId);
}

/// <summary>
/// The deliveries of one subscription, keyed <c>{tenant}/{subscriptionId}</c>: a bounded log (newest kept), sending with
/// retries on the durable timer <c>deliver</c> (exponential back-off), manual replay of a failed delivery, and disabling
/// the subscription after sustained failure.
/// </summary>
public interface IWebhookDeliveryGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Records a pending delivery per event not seen before (the delivery id is derived from subscription, order and sequence) and schedules sending.</summary>
    Task EnqueueAsync(ImmutableArray<WebhookEvent> events);

    [ReadOnly]
    Task<ImmutableArray<WebhookDelivery>> GetDeliveriesAsync(WebhookDeliveryQuery query);

    /// <summary>Sends a failed delivery again now, as one more attempt, and answers it with that attempt.</summary>
    Task<WebhookDelivery> ReplayAsync(string deliveryId);
}

/// <summary>
/// Consumes the order streams of one tenant (key <c>{tenant}</c>, implicit subscription to namespace <c>orders</c>) and
/// turns events of subscribed types into deliveries.
/// </summary>
public interface IWebhookDispatcherGrain : IGrainWithStringKey, IStreamConsumer;
