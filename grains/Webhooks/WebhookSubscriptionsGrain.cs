using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Webhooks;

namespace OrderCluster.Grains.Webhooks;

/// <summary>One subscription as stored, secrets included (they never leave through the view).</summary>
public sealed record StoredWebhook
{
    public required string SubscriptionId { get; init; }

    public required string Url { get; init; }

    public ImmutableArray<string> EventTypes { get; init; } = [];

    public string? Description { get; init; }

    public WebhookStatus Status { get; init; }

    public string? DisabledReason { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset EnabledSince { get; init; }

    public long Version { get; init; }

    public required string Secret { get; init; }

    public DateTimeOffset SecretRotatedAt { get; init; }

    public string? PreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    public WebhookSubscription ToView(DateTimeOffset now) => new()
    {
        SubscriptionId = SubscriptionId, Url = Url, EventTypes = EventTypes, Description = Description, Status = Status,
        DisabledReason = DisabledReason, DisabledAt = DisabledAt, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt, Version = Version,
        SecretRotatedAt = SecretRotatedAt, PreviousSecretExpiresAt = PreviousSecretExpiresAt > now ? PreviousSecretExpiresAt : null,
    };
}

public sealed record WebhookSubscriptionsState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableSortedDictionary<string, StoredWebhook> Subscriptions { get; init; } = ImmutableSortedDictionary<string, StoredWebhook>.Empty;
}

/// <summary>A tenant's webhook subscriptions, keyed <c>{tenant}</c> (see <see cref="IWebhookSubscriptionsGrain"/>).</summary>
internal sealed class WebhookSubscriptionsGrain(
    [PersistentState("webhook-subscriptions")] IPersistentState<WebhookSubscriptionsState> state,
    IOptions<WebhookOptions> options,
    WebhookAddressGuard guard,
    TimeProvider time,
    ILogger<WebhookSubscriptionsGrain> logger) : Grain, IWebhookSubscriptionsGrain
{
    private string Tenant => TenantKeys.ParseTenant(GetPrimaryKeyString());

    public async Task<WebhookSecretIssued> CreateAsync(CreateWebhook command)
    {
        var o = options.Value;
        Validate([
            WebhookRules.CheckUrl(command.Url, o.AllowHttp), .. WebhookRules.CheckEventTypes(command.EventTypes),
            WebhookRules.CheckDescription(command.Description),
        ]);
        await CheckTargetAsync(command.Url);
        if (state.State.Subscriptions.Count >= o.MaxSubscriptionsPerTenant)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached, $"A tenant may have at most {o.MaxSubscriptionsPerTenant} webhook subscriptions.");

        var now = time.GetUtcNow();
        var stored = new StoredWebhook
        {
            SubscriptionId = "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Url = command.Url,
            EventTypes = WebhookRules.Normalize(command.EventTypes), Description = command.Description, Status = WebhookStatus.Active,
            CreatedAt = now, UpdatedAt = now, EnabledSince = now, Version = 1, Secret = WebhookSignature.NewSecret(), SecretRotatedAt = now,
        };
        await WriteAsync(stored);
        WebhookLog.Created(logger, Tenant, stored.SubscriptionId, string.Join(",", stored.EventTypes));
        return new WebhookSecretIssued(stored.ToView(now), stored.Secret);
    }

    public Task<ImmutableArray<WebhookSubscription>> ListAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult<ImmutableArray<WebhookSubscription>>([.. state.State.Subscriptions.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.SubscriptionId, StringComparer.Ordinal).Select(s => s.ToView(now))]);
    }

    public Task<WebhookSubscription> GetAsync(string subscriptionId) => Task.FromResult(Find(subscriptionId).ToView(time.GetUtcNow()));

    public async Task<WebhookSubscription> UpdateAsync(UpdateWebhook command)
    {
        var current = Find(command.SubscriptionId);
        if (command.ExpectedVersion is { } expected && expected != current.Version) throw new VersionConflictException("webhook subscription", expected, current.Version);
        Validate([
            command.Url is null ? null : WebhookRules.CheckUrl(command.Url, options.Value.AllowHttp),
            .. command.EventTypes is { } types ? WebhookRules.CheckEventTypes(types) : [],
            WebhookRules.CheckDescription(command.Description),
        ]);
        if (command.Url is not null) await CheckTargetAsync(command.Url);

        var now = time.GetUtcNow();
        var next = current with
        {
            Url = command.Url ?? current.Url,
            EventTypes = command.EventTypes is { } t ? WebhookRules.Normalize(t) : current.EventTypes,
            Description = command.Description ?? current.Description,
        };
        if (command.Active == true && current.Status == WebhookStatus.Disabled)
            next = next with { Status = WebhookStatus.Active, DisabledReason = null, DisabledAt = null, EnabledSince = now };
        else if (command.Active == false && current.Status == WebhookStatus.Active)
            next = next with { Status = WebhookStatus.Disabled, DisabledReason = $"disabled by {command.Actor.UserId}", DisabledAt = now };

        if (next == current) return current.ToView(now);
        await WriteAsync(next with { Version = current.Version + 1, UpdatedAt = now });
        return state.State.Subscriptions[current.SubscriptionId].ToView(now);
    }

    public async Task<WebhookSecretIssued> RotateSecretAsync(RotateWebhookSecret command)
    {
        var current = Find(command.SubscriptionId);
        Validate([WebhookRules.CheckOverlap(command.Overlap)]);
        var now = time.GetUtcNow();
        var overlap = command.Overlap ?? options.Value.SecretOverlap;
        var next = current with
        {
            Secret = WebhookSignature.NewSecret(), SecretRotatedAt = now,
            PreviousSecret = overlap > TimeSpan.Zero ? current.Secret : null,
            PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null,
            Version = current.Version + 1, UpdatedAt = now,
        };
        await WriteAsync(next);
        WebhookLog.SecretRotated(logger, Tenant, current.SubscriptionId, now + overlap);
        return new WebhookSecretIssued(next.ToView(now), next.Secret);
    }

    public async Task DeleteAsync(DeleteWebhook command)
    {
        var current = Find(command.SubscriptionId);
        await WriteStateAsync(state.State with { Subscriptions = state.State.Subscriptions.Remove(current.SubscriptionId) });
        WebhookLog.Deleted(logger, Tenant, current.SubscriptionId);
    }

    public async Task<WebhookSubscription> DisableAsync(DisableWebhook command)
    {
        var current = Find(command.SubscriptionId);
        var now = time.GetUtcNow();
        if (current.Status == WebhookStatus.Disabled) return current.ToView(now);
        await WriteAsync(current with { Status = WebhookStatus.Disabled, DisabledReason = command.Reason, DisabledAt = now, Version = current.Version + 1, UpdatedAt = now });
        WebhookMetrics.SubscriptionsDisabled.Add(1);
        WebhookLog.Disabled(logger, Tenant, current.SubscriptionId, command.Reason);
        return state.State.Subscriptions[current.SubscriptionId].ToView(now);
    }

    public Task<ImmutableArray<WebhookRoute>> GetRoutesAsync() => Task.FromResult<ImmutableArray<WebhookRoute>>([
        .. state.State.Subscriptions.Values.Where(s => s.Status == WebhookStatus.Active).Select(s => new WebhookRoute(s.SubscriptionId, s.EventTypes, s.CreatedAt)),
    ]);

    public Task<WebhookTarget> GetTargetAsync(string subscriptionId)
    {
        var s = Find(subscriptionId);
        var overlapping = s.PreviousSecret is not null && s.PreviousSecretExpiresAt > time.GetUtcNow();
        return Task.FromResult(new WebhookTarget
        {
            SubscriptionId = s.SubscriptionId, Url = s.Url, Status = s.Status, EnabledSince = s.EnabledSince, Secret = s.Secret,
            PreviousSecret = overlapping ? s.PreviousSecret : null, PreviousSecretExpiresAt = overlapping ? s.PreviousSecretExpiresAt : null,
        });
    }

    private StoredWebhook Find(string subscriptionId) =>
        state.State.Subscriptions.GetValueOrDefault(subscriptionId ?? "")
        ?? throw new NotFoundException(WebhookErrorCodes.NotFound, $"Webhook subscription {subscriptionId} was not found.", "subscriptionId");

    /// <summary>Refuses a receiver on the silo's own network (see <see cref="WebhookAddressGuard"/>): a 422 naming <c>url</c>.</summary>
    private async Task CheckTargetAsync(string url)
    {
        using var timeout = new CancellationTokenSource(WebhookAddressGuard.ResolveTimeout);
        if (await guard.RefuseResolvedAsync(new Uri(url).IdnHost, timeout.Token) is { } reason)
            throw ValidationFailedException.For("url", "target-refused", $"Webhooks may not target {reason}");
    }

    private static void Validate(IEnumerable<FieldError?> errors)
    {
        var found = errors.OfType<FieldError>().ToList();
        if (found.Count > 0) throw new ValidationFailedException(found);
    }

    private Task WriteAsync(StoredWebhook subscription) =>
        WriteStateAsync(state.State with { Subscriptions = state.State.Subscriptions.SetItem(subscription.SubscriptionId, subscription) });

    private Task WriteStateAsync(WebhookSubscriptionsState next) => WriteStateOrReloadAsync(state, next);
}
