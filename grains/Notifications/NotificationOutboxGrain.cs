using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Notifications.Senders;

namespace OrderCluster.Grains.Notifications;

public sealed record NotificationOutboxState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<NotificationMessage> Messages { get; init; } = [];

    public int Issued { get; init; }
}

/// <summary>
/// The outbox and history of one order's notifications, keyed <c>{tenant}/{orderId}</c>. A message is committed as
/// pending before it is sent; a failed send is retried by the durable timer <c>retry</c> with doubling delays, up to
/// <c>Notifications:MaxAttempts</c>; each (event id, template) is sent once however often it is asked for.
/// </summary>
internal sealed class NotificationOutboxGrain(
    [PersistentState("notification-outbox")] IPersistentState<NotificationOutboxState> state,
    INotificationSender sender,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationOutboxGrain> logger) : Grain, INotificationOutboxGrain
{
    public const string RetryTimer = "retry";

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "orderId");

    public async Task<ImmutableArray<NotificationMessage>> NotifyAsync(NotifyRequest request)
    {
        var templates = (await GrainFactory.GetGrain<INotificationTemplatesGrain>(TenantKeys.ForTenant(Key.TenantId)).GetCurrentAsync()).Templates
            .Where(t => t.EventType == request.EventType && (t.When is null || EventVariable(request, "to") == t.When)).ToList();
        var fresh = templates.Where(t => !state.State.Messages.Any(m => m.EventId == request.EventId && m.TemplateId == t.TemplateId)).ToList();
        if (fresh.Count == 0) return [];

        var variables = await VariablesAsync(request);
        var now = time.GetUtcNow();
        var issued = state.State.Issued;
        var messages = new List<NotificationMessage>();
        foreach (var t in fresh)
        {
            var (recipient, subject, body) = TemplateRenderer.RenderAll(t, variables);
            var problem = TemplateRenderer.CheckRecipient(t.Channel, recipient);
            messages.Add(new NotificationMessage
            {
                MessageId = $"m{++issued}", TemplateId = t.TemplateId, EventType = request.EventType, EventId = request.EventId, Channel = t.Channel,
                Recipient = recipient, Subject = subject, Body = body, CreatedAt = now,
                Status = problem is null ? NotificationStatus.Pending : NotificationStatus.Failed, LastError = problem,
            });
        }

        await WriteAsync(state.State with { Messages = Trim(state.State.Messages.AddRange(messages)), Issued = issued });
        await SendDueAsync();
        var ids = messages.Select(m => m.MessageId).ToHashSet();
        return [.. state.State.Messages.Where(m => ids.Contains(m.MessageId))];
    }

    public Task<ImmutableArray<NotificationMessage>> GetHistoryAsync() => Task.FromResult(state.State.Messages.ToImmutableArray());

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name == RetryTimer) await SendDueAsync();
    }

    /// <summary>Sends every pending message that is due; failures are rescheduled; the earliest next attempt sets the timer.</summary>
    private async Task SendDueAsync()
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        var messages = state.State.Messages;
        foreach (var m in messages.Where(m => m.Status == NotificationStatus.Pending && (m.NextAttemptAt is null || m.NextAttemptAt <= now)).ToList())
        {
            NotificationMessage next;
            try
            {
                await sender.SendAsync(new OutgoingNotification(Key.TenantId, Key.Id, m.MessageId, m.Channel, m.Recipient, m.Subject, m.Body), CancellationToken.None);
                next = m with { Status = NotificationStatus.Sent, Attempts = m.Attempts + 1, SentAt = now, NextAttemptAt = null, LastError = null };
            }
            catch (Exception e)
            {
                var attempts = m.Attempts + 1;
                var giveUp = attempts >= o.MaxAttempts;
                next = m with
                {
                    Attempts = attempts, LastError = e.Message, Status = giveUp ? NotificationStatus.Failed : NotificationStatus.Pending,
                    NextAttemptAt = giveUp ? null : now + o.RetryBaseDelay * Math.Pow(2, attempts - 1),
                };
                NotificationLog.SendFailed(logger, e, GetPrimaryKeyString(), m.MessageId, attempts, giveUp);
            }

            messages = messages.Replace(m, next);
        }

        if (!ReferenceEquals(messages, state.State.Messages)) await WriteAsync(state.State with { Messages = messages });
        var nextAttempt = messages.Where(m => m.Status == NotificationStatus.Pending && m.NextAttemptAt is not null).Select(m => m.NextAttemptAt!.Value).DefaultIfEmpty().Min();
        if (nextAttempt != default) await RegisterOrUpdateTimerAsync(RetryTimer, nextAttempt);
    }

    /// <summary>The variables templates may use: the order as it is now, its latest shipment, and the request's own.</summary>
    private async Task<Dictionary<string, string>> VariablesAsync(NotifyRequest request)
    {
        var order = await GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString()).GetAsync();
        var shipment = order.Fulfilment?.Shipments.LastOrDefault(s => s.TrackingNumber is not null);
        var v = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tenant.id"] = order.TenantId, ["order.id"] = order.OrderId, ["order.status"] = order.Status,
            ["order.priority"] = order.Priority.ToString().ToLowerInvariant(), ["order.currency"] = order.Currency,
            ["order.total"] = order.Totals.Total.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["order.reference"] = order.ClientReference ?? "", ["order.tags"] = string.Join(", ", order.Tags),
            ["customer.id"] = order.Customer.CustomerId, ["customer.name"] = order.Customer.Name ?? "", ["customer.email"] = order.Customer.Email ?? order.ShippingAddress.Email ?? "",
            ["customer.phone"] = order.ShippingAddress.Phone ?? "", ["shipping.city"] = order.ShippingAddress.City, ["shipping.name"] = order.ShippingAddress.Name,
            ["shipment.carrier"] = shipment?.Carrier ?? "", ["shipment.tracking"] = shipment?.TrackingNumber ?? "",
            ["fulfilment.status"] = order.Fulfilment?.Status.ToString() ?? nameof(FulfilmentStatus.Unallocated),
        };
        foreach (var (name, value) in request.Variables) v[name.StartsWith("event.", StringComparison.Ordinal) ? name : $"event.{name}"] = value;
        return v;
    }

    /// <summary>A request variable by its short name (<c>to</c>) or its template name (<c>event.to</c>).</summary>
    private static string? EventVariable(NotifyRequest request, string name) =>
        request.Variables.GetValueOrDefault(name) ?? request.Variables.GetValueOrDefault($"event.{name}");

    private ImmutableList<NotificationMessage> Trim(ImmutableList<NotificationMessage> messages)
    {
        while (messages.Count > options.Value.MaxHistory && messages.FindIndex(m => m.Status != NotificationStatus.Pending) is >= 0 and var i) messages = messages.RemoveAt(i);
        return messages;
    }

    private Task WriteAsync(NotificationOutboxState next) => WriteStateOrReloadAsync(state, next);
}
