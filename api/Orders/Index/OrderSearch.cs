using System.Globalization;
using System.Text;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;

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

    /// <summary>Custom fields that must equal these values (numbers invariant, booleans true/false, dates yyyy-MM-dd); query parameters <c>cf.{name}</c>.</summary>
    public ImmutableSortedDictionary<string, string>? CustomFields { get; init; }

    public string? Assignee { get; init; }

    /// <summary>True searches archived orders only; otherwise archived orders are left out.</summary>
    public bool? Archived { get; init; }

    public OrderSearchQuery ToQuery(int limit, OrderCursor? after) => new()
    {
        Status = Status, Channel = Channel, CustomerId = CustomerId, Tag = Tag, Priority = Priority, CreatedFrom = CreatedFrom,
        CreatedTo = CreatedTo, MinTotal = MinTotal, MaxTotal = MaxTotal, Text = Text, Assignee = Assignee, Archived = Archived == true,
        CustomFields = CustomFields ?? ImmutableSortedDictionary<string, string>.Empty, Limit = limit,
        After = after is null ? null : new OrderSearchPosition(after.CreatedAt, after.OrderId),
    };
}

/// <summary>An order as a list shows it.</summary>
public sealed record OrderSummary(string OrderId, long Version, string Status, OrderPriority Priority, string CustomerId, string? CustomerName,
    ChannelKind Channel, string? ClientReference, Money Total, ImmutableArray<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OrderSummary Of(OrderSearchRow r) => new(r.OrderId, r.Version, r.Status, r.Priority, r.CustomerId, r.CustomerName,
        r.Channel, r.ClientReference, new Money(r.Total, r.Currency), r.Tags, r.CreatedAt, r.UpdatedAt);
}

/// <summary>A page of orders; <see cref="Scanned"/> is the number of read-model rows the page read.</summary>
public sealed record OrderPage(ImmutableArray<OrderSummary> Items, string? NextCursor, int Scanned);

/// <summary>
/// Searches a tenant's orders in the search read model (<see cref="IOrderSearchStore"/>, kept from the order streams, so
/// an order shows up once the projection has caught up), newest first. The cursor is the position (creation time,
/// order id) of the last order of the page, so pages stay stable while orders arrive; a page asks for one row more
/// than it shows, and a cursor comes back only when that row exists.
/// </summary>
internal sealed class OrderSearch(IOrderSearchStore store)
{
    public async Task<OrderPage> SearchAsync(string tenantId, OrderFilter filter, int limit, OrderCursor? after, CancellationToken cancellationToken)
    {
        var rows = await store.SearchAsync(tenantId, filter.ToQuery(limit + 1, after), cancellationToken);
        var items = rows.Take(limit).Select(OrderSummary.Of).ToImmutableArray();
        var next = rows.Length > limit ? new OrderCursor(items[^1].CreatedAt, items[^1].OrderId).Encode() : null;
        return new OrderPage(items, next, rows.Length);
    }
}

/// <summary>An opaque position in the newest-first order: base64url of <c>{ticks}:{orderId}</c>.</summary>
public sealed record OrderCursor(DateTimeOffset CreatedAt, string OrderId)
{
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
