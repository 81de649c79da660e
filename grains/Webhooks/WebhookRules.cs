using System.Reflection;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Webhooks;

/// <summary>What a subscription may hold: its URL, event types, description and rotation overlap.</summary>
internal static class WebhookRules
{
    public const string AllEvents = "*";
    public const int MaxUrlLength = 2048;
    public const int MaxEventTypes = 50;
    public const int MaxDescriptionLength = 200;
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    /// <summary>Every order event type (the constants of <see cref="OrderEventTypes"/>).</summary>
    public static readonly ImmutableSortedSet<string> KnownEventTypes = typeof(OrderEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToImmutableSortedSet(StringComparer.Ordinal);

    public static FieldError? CheckUrl(string? url, bool allowHttp, string field = "url")
    {
        if (string.IsNullOrWhiteSpace(url)) return new FieldError(field, "required", "A URL is required.");
        if (url.Length > MaxUrlLength) return new FieldError(field, "too-long", $"At most {MaxUrlLength} characters.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return new FieldError(field, "invalid-url", "An absolute URL is required.");
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
            return new FieldError(field, "https-required", allowHttp ? "Use an http or https URL." : "Use an https URL (http is not allowed here).");
        if (uri.UserInfo.Length > 0) return new FieldError(field, "invalid-url", "Credentials in the URL are not allowed.");
        if (uri.Fragment.Length > 0) return new FieldError(field, "invalid-url", "A fragment is not allowed.");
        return null;
    }

    public static IEnumerable<FieldError> CheckEventTypes(ImmutableArray<string> types, string field = "eventTypes")
    {
        if (types.IsDefaultOrEmpty)
        {
            yield return new FieldError(field, "required", $"Name at least one event type, or '{AllEvents}' for all.");
            yield break;
        }

        if (types.Length > MaxEventTypes) yield return new FieldError(field, "too-many", $"At most {MaxEventTypes} event types.");
        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] != AllEvents && !KnownEventTypes.Contains(types[i] ?? ""))
                yield return new FieldError($"{field}[{i}]", "unknown-event-type", $"'{types[i]}' is not an order event type ({string.Join(", ", KnownEventTypes)}) or '{AllEvents}'.");
        }
    }

    public static FieldError? CheckDescription(string? description, string field = "description") =>
        description is { Length: > MaxDescriptionLength } ? new FieldError(field, "too-long", $"At most {MaxDescriptionLength} characters.") : null;

    public static FieldError? CheckOverlap(TimeSpan? overlap, string field = "overlap") =>
        overlap is { } o && (o < TimeSpan.Zero || o > MaxOverlap) ? new FieldError(field, "out-of-range", "The overlap must be 0 to 7 days.") : null;

    /// <summary>Sorted, without duplicates.</summary>
    public static ImmutableArray<string> Normalize(ImmutableArray<string> types) => [.. types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static bool Matches(ImmutableArray<string> subscribed, string eventType) => subscribed.Contains(AllEvents) || subscribed.Contains(eventType);
}
