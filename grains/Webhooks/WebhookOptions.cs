using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Webhooks;

/// <summary>Webhook settings (configuration section <c>Webhooks</c>). Every default is documented here.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Whether subscriptions may use <c>http://</c> URLs (local receivers, tests). Default false: HTTPS only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// The hosts subscriptions may target: exact names (<c>hooks.example.com</c>) or wildcards (<c>*.example.com</c>).
    /// Default empty: any host whose addresses are public. Checked when a subscription is saved and at every delivery.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Whether receivers may be on loopback (<c>localhost</c>, 127.0.0.0/8, ::1): local development and tests. Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Whether receivers may be on private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), for receivers
    /// inside the operator's own network. Default false. Link-local and cloud metadata addresses are refused always.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one delivery attempt may take, connection included. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery (the first send and the retries) before it is marked failed. Default 12 (about 6 h with the defaults below).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Delay before the first retry; it doubles per attempt. Default 30 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest delay between two attempts. Default 1 h.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Consecutive failed attempts (of any delivery) after which a subscription is disabled, if they also span <see cref="DisableAfterFailingFor"/>. Default 20.</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 20;

    /// <summary>How long the consecutive failures must span (first to last) before the subscription is disabled. Default 24 h.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the previous secret keeps signing after a rotation, unless the rotation names its own. Default 24 h.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deliveries kept per subscription (the oldest finished ones go first). Default 200.</summary>
    public int MaxDeliveryLog { get; set; } = 200;

    /// <summary>Subscriptions per tenant. Default 50.</summary>
    public int MaxSubscriptionsPerTenant { get; set; } = 50;

    /// <summary>Deliveries of one subscription sent at once per timer tick (the rest follow on the next tick). Default 10.</summary>
    public int MaxConcurrentSends { get; set; } = 10;

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1 after <paramref name="attempts"/> failures: base × 2^(attempts−1), capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(attempts - 1, 0), 30));
        var delay = RetryBaseDelay * factor;
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}

/// <summary>Names the setting that is wrong.</summary>
internal sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions o)
    {
        var errors = new List<string>();
        if (o.RequestTimeout <= TimeSpan.Zero || o.RequestTimeout > TimeSpan.FromMinutes(2)) errors.Add("Webhooks:RequestTimeout must lie between 0 and 2 minutes.");
        if (o.MaxAttempts is < 1 or > 100) errors.Add("Webhooks:MaxAttempts must be 1–100.");
        if (o.RetryBaseDelay <= TimeSpan.Zero) errors.Add("Webhooks:RetryBaseDelay must be positive.");
        if (o.MaxRetryDelay < o.RetryBaseDelay) errors.Add("Webhooks:MaxRetryDelay must be at least RetryBaseDelay.");
        if (o.DisableAfterConsecutiveFailures < 1) errors.Add("Webhooks:DisableAfterConsecutiveFailures must be at least 1.");
        if (o.DisableAfterFailingFor < TimeSpan.Zero) errors.Add("Webhooks:DisableAfterFailingFor must not be negative.");
        if (o.SecretOverlap < TimeSpan.Zero || o.SecretOverlap > WebhookRules.MaxOverlap) errors.Add("Webhooks:SecretOverlap must be 0–7 days.");
        if (o.MaxDeliveryLog is < 1 or > 10_000) errors.Add("Webhooks:MaxDeliveryLog must be 1–10000.");
        if (o.MaxSubscriptionsPerTenant is < 1 or > 1_000) errors.Add("Webhooks:MaxSubscriptionsPerTenant must be 1–1000.");
        if (o.AllowedHosts.Any(h => string.IsNullOrWhiteSpace(h) || h.Contains('/') || h.Contains(':') || (h.Contains('*') && !h.StartsWith("*.", StringComparison.Ordinal))))
            errors.Add("Webhooks:AllowedHosts holds host names such as hooks.example.com or *.example.com (no scheme, port or path).");
        if (o.MaxConcurrentSends is < 1 or > 100) errors.Add("Webhooks:MaxConcurrentSends must be 1–100.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
