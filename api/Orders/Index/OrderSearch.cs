using System.Globalization;
using System.Text;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders.Index;

/// <summary>Filters of an order search; null members do not filter.</summary>
public sealed record OrderFilter
{
    public string? Status { get; init; }

    public ChannelKind? Channel { get; init; }

    public string? CustomerId { get; init; }

    public string? Tag { get; init; }

    public OrderPriority? Priority { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public decimal? MinTotal { get; init; }

    public decimal? MaxTotal { get; init; }

    /// <summary>Free text: order id, client reference, customer id, name and e-mail, SKUs and line names, tags, ship-to name, city and postal code.</summary>
    public string? Text { get; init; }

    public bool Matches(OrderIndexEntry entry) =>
        (Channel is null || entry.Channel == Channel)
        && (CustomerId is null || entry.CustomerId == CustomerId)
        && (CreatedFrom is null || entry.CreatedAt >= CreatedFrom)
        && (CreatedTo is null || entry.CreatedAt < CreatedTo);

    public bool Matches(OrderSnapshot order) =>
        (Status is null || order.Status == Status)
        && (Tag is null || order.Tags.Contains(Tag))
        && (Priority is null || order.Priority == Priority)
        && (MinTotal is null || order.Totals.Total.Amount >= MinTotal)
        && (MaxTotal is null || order.Totals.Total.Amount <= MaxTotal)
        && (Text is null || Searchable(order).Any(s => s?.Contains(Text, StringComparison.OrdinalIgnoreCase) == true));

    private static IEnumerable<string?> Searchable(OrderSnapshot o) =>
        new[] { o.OrderId, o.ClientReference, o.Customer.CustomerId, o.Customer.Name, o.Customer.Email, o.ShippingAddress.Name, o.ShippingAddress.City, o.ShippingAddress.PostalCode }
            .Concat(o.Lines.SelectMany(l => new[] { l.Sku, l.Name }))
            .Concat(o.Tags);
}

/// <summary>An order as a list shows it.</summary>
public sealed record OrderSummary(string OrderId, long Version, string Status, OrderPriority Priority, string CustomerId, string? CustomerName,
    ChannelKind Channel, string? ClientReference, Money Total, ImmutableArray<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderSummary Of(OrderSnapshot o) => new(o.OrderId, o.Version, o.Status, o.Priority, o.Customer.CustomerId, o.Customer.Name,
        o.Channel.Kind, o.ClientReference, o.Totals.Total, o.Tags, o.CreatedAt, o.UpdatedAt);
}

public sealed record OrderPage(ImmutableArray<OrderSummary> Items, string? NextCursor, int Scanned);

/// <summary>
/// Searches a tenant's order index newest first: hour buckets from the newest, entries filtered on what never
/// changes, then the orders themselves read (in parallel) for status, tags, priority, totals and text. The cursor is
/// the position (creation time, order id) after the last order examined, so pages stay stable while orders arrive.
/// At most <c>scanLimit</c> orders are read per page: a page may come back short, with a cursor to go on.
/// </summary>
internal sealed class OrderSearch(IGrainFactory grains)
{
    private const int ReadParallelism = 32;

    public async Task<OrderPage> SearchAsync(string tenantId, OrderFilter filter, int limit, OrderCursor? after, int scanLimit, CancellationToken cancellationToken)
    {
        var buckets = await grains.GetGrain<IOrderIndexDirectoryGrain>(TenantKeys.ForTenant(tenantId)).ListBucketsAsync();
        var items = new List<OrderSummary>(limit);
        var scanned = 0;
        OrderCursor? position = after;
        var lowest = filter.CreatedFrom is { } from ? OrderIndexer.BucketOf(from) : null;
        var highest = filter.CreatedTo is { } to ? OrderIndexer.BucketOf(to) : null;
        foreach (var bucket in buckets.Reverse())
        {
            if (highest is not null && string.CompareOrdinal(bucket, highest) > 0) continue;
            if (lowest is not null && string.CompareOrdinal(bucket, lowest) < 0) break;
            if (after is not null && string.CompareOrdinal(bucket, OrderIndexer.BucketOf(after.CreatedAt)) > 0) continue;

            var entries = (await grains.GetGrain<IOrderIndexBucketGrain>($"{tenantId}/{bucket}").ListAsync())
                .Where(e => after is null || after.IsAfter(e) is false)
                .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.OrderId, StringComparer.Ordinal)
                .ToList();
            foreach (var chunk in entries.Chunk(ReadParallelism))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidates = chunk.Where(filter.Matches).ToList();
                var orders = await Task.WhenAll(candidates.Select(e => grains.GetGrain<IOrderGrain>(TenantKeys.For(tenantId, e.OrderId, "orderId")).GetAsync()));
                for (var i = 0; i < chunk.Length; i++)
                {
                    var entry = chunk[i];
                    var index = candidates.IndexOf(entry);
                    if (index >= 0)
                    {
                        scanned++;
                        if (filter.Matches(orders[index])) items.Add(OrderSummary.Of(orders[index]));
                    }

                    position = new OrderCursor(entry.CreatedAt, entry.OrderId);
                    if (items.Count == limit || scanned >= scanLimit)
                        return new OrderPage([.. items], position.Encode(), scanned);
                }
            }
        }

        return new OrderPage([.. items], null, scanned);
    }
}

/// <summary>An opaque position in the newest-first order: base64url of <c>{ticks}:{orderId}</c>.</summary>
public sealed record OrderCursor(DateTimeOffset CreatedAt, string OrderId)
{
    /// <summary>True when <paramref name="entry"/> comes before this position (newer, or as new with a greater id): already returned.</summary>
    public bool IsAfter(OrderIndexEntry entry) =>
        entry.CreatedAt > CreatedAt || (entry.CreatedAt == CreatedAt && string.CompareOrdinal(entry.OrderId, OrderId) >= 0);

    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{OrderId}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static OrderCursor? TryDecode(string text)
    {
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks <= DateTimeOffset.MaxValue.UtcTicks && TenantKeys.CheckId(parts[1], "cursor") is null
                ? new OrderCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
