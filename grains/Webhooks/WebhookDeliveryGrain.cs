using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Webhooks;

namespace OrderCluster.Grains.Webhooks;

public sealed record WebhookDeliveryState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The delivery log, oldest first, at most <c>Webhooks:MaxDeliveryLog</c> (pending ones are kept first).</summary>
    public ImmutableList<WebhookDelivery> Deliveries { get; init; } = [];

    /// <summary>Failed attempts since the last success (or since the subscription was last enabled).</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>When the first of <see cref="ConsecutiveFailures"/> happened.</summary>
    public DateTimeOffset? FailingSince { get; init; }
}

/// <summary>
/// The deliveries of one subscription, keyed <c>{tenant}/{subscriptionId}</c> (see <see cref="IWebhookDeliveryGrain"/>).
/// A delivery is committed as pending before it is sent; the durable timer <c>deliver</c> sends what is due, up to
/// <c>Webhooks:MaxConcurrentSends</c> at once, and is set again for the earliest next attempt.
/// </summary>
internal sealed class WebhookDeliveryGrain(
    [PersistentState("webhook-deliveries")] IPersistentState<WebhookDeliveryState> state,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryGrain> logger) : Grain, IWebhookDeliveryGrain
{
    public const string DeliverTimer = "deliver";

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "subscriptionId");

    private IWebhookSubscriptionsGrain Subscriptions => GrainFactory.GetGrain<IWebhookSubscriptionsGrain>(TenantKeys.ForTenant(Key.TenantId));

    /// <summary>The same subscription, order and sequence always give the same id, so a redelivered stream event is recognised.</summary>
    public static string DeliveryIdFor(string subscriptionId, string orderId, long sequence) =>
        "dlv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId}\n{orderId}\n{sequence}")))[..32];

    public async Task EnqueueAsync(ImmutableArray<WebhookEvent> events)
    {
        var now = time.GetUtcNow();
        var known = state.State.Deliveries.Select(d => d.DeliveryId).ToHashSet(StringComparer.Ordinal);
        var fresh = new List<WebhookDelivery>();
        foreach (var e in events)
        {
            var id = DeliveryIdFor(Key.Id, e.OrderId, e.Sequence);
            if (!known.Add(id)) continue;
            fresh.Add(new WebhookDelivery
            {
                DeliveryId = id, EventType = e.EventType, OrderId = e.OrderId, Sequence = e.Sequence, OccurredAt = e.OccurredAt,
                Status = WebhookDeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now, Body = BodyOf(id, e),
            });
        }

        if (fresh.Count == 0) return;
        await WriteAsync(state.State with { Deliveries = Trim(state.State.Deliveries.AddRange(fresh)) });
        WebhookMetrics.DeliveriesEnqueued.Add(fresh.Count);
        await RegisterOrUpdateTimerAsync(DeliverTimer, now);
    }

    public Task<ImmutableArray<WebhookDelivery>> GetDeliveriesAsync(WebhookDeliveryQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, 500);
        return Task.FromResult<ImmutableArray<WebhookDelivery>>([
            .. state.State.Deliveries.AsEnumerable().Reverse().Where(d => query.Status is null || d.Status == query.Status).Take(limit),
        ]);
    }

    public async Task<WebhookDelivery> ReplayAsync(string deliveryId)
    {
        var delivery = state.State.Deliveries.Find(d => d.DeliveryId == deliveryId)
            ?? throw new NotFoundException(WebhookErrorCodes.DeliveryNotFound, $"Delivery {deliveryId} was not found.", "deliveryId");
        if (delivery.Status != WebhookDeliveryStatus.Failed)
            throw new OrderRuleViolationException(WebhookErrorCodes.DeliveryNotFailed, $"Delivery {deliveryId} is {delivery.Status.ToString().ToLowerInvariant()}; only a failed delivery can be replayed.");
        var target = await Subscriptions.GetTargetAsync(Key.Id);
        if (target.Status == WebhookStatus.Disabled)
            throw new OrderRuleViolationException(WebhookErrorCodes.Disabled, "The subscription is disabled: enable it (active = true) before replaying.");

        WebhookLog.Replayed(logger, GetPrimaryKeyString(), deliveryId);
        await SendAsync([delivery], target, WebhookAttemptTrigger.Replay);
        return state.State.Deliveries.Find(d => d.DeliveryId == deliveryId)!;
    }

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name != DeliverTimer) return;
        WebhookTarget target;
        try
        {
            target = await Subscriptions.GetTargetAsync(Key.Id);
        }
        catch (NotFoundException)
        {
            await StopPendingAsync("the subscription was deleted");
            await UnregisterTimerAsync(DeliverTimer);
            return;
        }

        var now = time.GetUtcNow();
        var due = state.State.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now).Take(options.Value.MaxConcurrentSends).ToList();
        if (target.Status == WebhookStatus.Active && due.Count > 0) await SendAsync(due, target, null);
        if (target.Status == WebhookStatus.Disabled) await StopPendingAsync("the subscription is disabled");
        await ScheduleAsync();
    }

    /// <summary>Sends the deliveries at once, records every attempt, updates the failure streak and disables the subscription when it has failed for long enough.</summary>
    private async Task SendAsync(IReadOnlyList<WebhookDelivery> deliveries, WebhookTarget target, WebhookAttemptTrigger? trigger)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        string[] secrets = target.PreviousSecret is { } previous ? [target.Secret, previous] : [target.Secret];
        var results = await Task.WhenAll(deliveries.Select(d =>
            sender.SendAsync(target.Url, d.DeliveryId, d.EventType, WebhookSignature.HeaderValue(now, d.Body, secrets), d.Body, CancellationToken.None)));

        var log = state.State.Deliveries;
        var streak = state.State.FailingSince < target.EnabledSince ? 0 : state.State.ConsecutiveFailures;
        var failingSince = streak == 0 ? null : state.State.FailingSince;
        string? lastError = null;
        for (var i = 0; i < deliveries.Count; i++)
        {
            var (d, r) = (deliveries[i], results[i]);
            var number = d.Attempts.Length + 1;
            var attempt = new WebhookAttempt
            {
                Number = number, Trigger = trigger ?? (number == 1 ? WebhookAttemptTrigger.Initial : WebhookAttemptTrigger.Retry), At = now,
                StatusCode = r.StatusCode, Succeeded = r.Succeeded, Error = r.Error, DurationMs = r.DurationMs,
            };
            WebhookMetrics.AttemptDuration.Record(r.DurationMs);
            WebhookDelivery next;
            if (r.Succeeded)
            {
                next = d with { Status = WebhookDeliveryStatus.Succeeded, Attempts = d.Attempts.Add(attempt), NextAttemptAt = null, CompletedAt = now, LastError = null };
                (streak, failingSince) = (0, null);
                WebhookMetrics.AttemptsSucceeded.Add(1);
                WebhookLog.AttemptSucceeded(logger, GetPrimaryKeyString(), d.DeliveryId, d.EventType, number, r.StatusCode ?? 0, r.DurationMs);
            }
            else
            {
                // A replay is one attempt on request; scheduled attempts retry until MaxAttempts.
                var giveUp = trigger == WebhookAttemptTrigger.Replay || d.Attempts.Count(a => a.Trigger != WebhookAttemptTrigger.Replay) + 1 >= o.MaxAttempts;
                DateTimeOffset? nextAt = giveUp ? null : now + o.RetryDelay(number);
                next = d with
                {
                    Status = giveUp ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending, Attempts = d.Attempts.Add(attempt),
                    NextAttemptAt = nextAt, CompletedAt = giveUp ? now : null, LastError = r.Error,
                };
                (streak, failingSince, lastError) = (streak + 1, failingSince ?? now, r.Error);
                WebhookMetrics.AttemptsFailed.Add(1);
                if (giveUp && trigger != WebhookAttemptTrigger.Replay) WebhookMetrics.DeliveriesGivenUp.Add(1);
                WebhookLog.AttemptFailed(logger, GetPrimaryKeyString(), d.DeliveryId, d.EventType, number, r.StatusCode, r.Error, nextAt);
            }

            log = log.Replace(log.Find(x => x.DeliveryId == d.DeliveryId)!, next);
        }

        await WriteAsync(state.State with { Deliveries = log, ConsecutiveFailures = streak, FailingSince = failingSince });
        if (streak >= o.DisableAfterConsecutiveFailures && now - failingSince >= o.DisableAfterFailingFor)
        {
            var reason = $"{streak} consecutive delivery attempts failed over {FormatSpan(now - failingSince!.Value)} (last: {lastError ?? "unknown"})";
            await Subscriptions.DisableAsync(new DisableWebhook(Key.Id, reason));
            await StopPendingAsync("the subscription was disabled after sustained failure");
        }
    }

    /// <summary>Marks every pending delivery failed (it can be replayed once the subscription is active again).</summary>
    private async Task StopPendingAsync(string reason)
    {
        var now = time.GetUtcNow();
        var pending = state.State.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending).ToList();
        if (pending.Count == 0) return;
        var log = state.State.Deliveries;
        foreach (var d in pending)
            log = log.Replace(d, d with { Status = WebhookDeliveryStatus.Failed, NextAttemptAt = null, CompletedAt = now, LastError = reason });
        await WriteAsync(state.State with { Deliveries = log });
        WebhookLog.PendingStopped(logger, GetPrimaryKeyString(), pending.Count, reason);
    }

    private async Task ScheduleAsync()
    {
        var next = state.State.Deliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt is not null).Select(d => d.NextAttemptAt!.Value).DefaultIfEmpty().Min();
        if (next != default) await RegisterOrUpdateTimerAsync(DeliverTimer, next);
        else await UnregisterTimerAsync(DeliverTimer);
    }

    /// <summary><c>{deliveryId, type, occurredAt, orderId, sequence, data}</c>, fixed when the delivery is created.</summary>
    private static string BodyOf(string deliveryId, WebhookEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("deliveryId", deliveryId);
            json.WriteString("type", e.EventType);
            json.WriteString("occurredAt", e.OccurredAt.ToUniversalTime());
            json.WriteString("orderId", e.OrderId);
            json.WriteNumber("sequence", e.Sequence);
            json.WritePropertyName("data");
            json.WriteRawValue(e.DataJson);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Drops the oldest finished deliveries beyond the log size; pending ones go only beyond twice the size.</summary>
    private ImmutableList<WebhookDelivery> Trim(ImmutableList<WebhookDelivery> log)
    {
        var max = options.Value.MaxDeliveryLog;
        while (log.Count > max && log.FindIndex(d => d.Status != WebhookDeliveryStatus.Pending) is >= 0 and var i) log = log.RemoveAt(i);
        while (log.Count > 2 * max) log = log.RemoveAt(0);
        return log;
    }

    private static string FormatSpan(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : $"{span.TotalMinutes:0.#} min";

    private Task WriteAsync(WebhookDeliveryState next) => WriteStateOrReloadAsync(state, next);
}
