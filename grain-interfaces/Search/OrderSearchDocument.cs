using System.Globalization;
using System.Text;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Search;

/// <summary>
/// Builds search rows from order snapshots, and the free-text words every store agrees on: runs of letters and digits,
/// lower-cased (so <c>ana@example.com</c> is the words <c>ana example com</c>, and <c>SKU-12</c> is <c>sku 12</c>).
/// A query word matches a document word it starts.
/// </summary>
public static class OrderSearchDocument
{
    /// <summary>The most words a query may have (more make no better search and cost the database).</summary>
    public const int MaxQueryWords = 16;

    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0) yield return word.ToString();
    }

    /// <summary>The distinct words of a query, at most <see cref="MaxQueryWords"/>.</summary>
    public static ImmutableArray<string> QueryWords(string? text) => [.. Words(text).Distinct(StringComparer.Ordinal).Take(MaxQueryWords)];

    /// <summary>A custom field value as the read model compares it: text as is, numbers invariant, booleans true/false, dates yyyy-MM-dd.</summary>
    public static string FieldText(CustomFieldValue value) => value.Kind switch
    {
        CustomFieldValueKind.Number => value.Number!.Value.ToString(CultureInfo.InvariantCulture),
        CustomFieldValueKind.Boolean => value.Boolean!.Value ? "true" : "false",
        CustomFieldValueKind.Date => value.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.Text ?? "",
    };

    /// <summary>The row of an order as it is now; <paramref name="lastSequence"/> is the last stream event it reflects.</summary>
    public static OrderSearchRow RowOf(OrderSnapshot o, long lastSequence, string? assignee) => new()
    {
        TenantId = o.TenantId, OrderId = o.OrderId, Version = o.Version, LastSequence = lastSequence, Status = o.Status,
        Channel = o.Channel.Kind, CustomerId = o.Customer.CustomerId, CustomerName = o.Customer.Name, ClientReference = o.ClientReference,
        Priority = o.Priority, Tags = o.Tags, Total = o.Totals.Total.Amount, Currency = o.Totals.Total.Currency,
        CreatedAt = o.CreatedAt, UpdatedAt = o.UpdatedAt,
        CustomFields = o.CustomFields.ToImmutableSortedDictionary(f => f.Key, f => FieldText(f.Value), StringComparer.Ordinal),
        Assignee = assignee, Archived = o.ArchivedAt is not null, ArchivedAt = o.ArchivedAt,
        Document = string.Join(' ', Searchable(o).SelectMany(Words)),
    };

    private static IEnumerable<string?> Searchable(OrderSnapshot o) =>
        new[] { o.OrderId, o.ClientReference, o.Customer.CustomerId, o.Customer.Name, o.Customer.Email, o.ShippingAddress.Name, o.ShippingAddress.City, o.ShippingAddress.PostalCode }
            .Concat(o.Lines.SelectMany(l => new[] { l.Sku, l.Name }))
            .Concat(o.Tags);
}
