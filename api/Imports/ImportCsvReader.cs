using System.Globalization;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Imports;

/// <summary>
/// Reads a CSV import: a header row naming the columns (any order; <see cref="Columns"/>), then one row per order line,
/// grouped into orders by <c>order_id</c> (rows of one order need not be adjacent). Order-level values come from the
/// order's first row; a later row may repeat them or leave them empty. Fields are separated by commas and may be quoted
/// (<c>"a, b"</c>, <c>""</c> for a quote; no line breaks inside a field). A row that cannot be read (a broken quote, the
/// wrong number of fields, a number or time that does not parse, a conflicting order-level value) is a row error that
/// fails its order, when its order id can be read, and never the other orders.
/// </summary>
internal static class ImportCsvReader
{
    public static readonly ImmutableArray<string> Columns =
    [
        "order_id", "status", "created_at", "placed_at", "currency", "priority", "tags",
        "customer_id", "customer_name", "customer_email", "channel", "marketplace",
        "sku", "name", "quantity", "unit_price", "discount",
        "shipping_method", "shipping_carrier", "shipping_price",
        "ship_name", "ship_company", "ship_line1", "ship_line2", "ship_city", "ship_region", "ship_postal_code", "ship_country", "ship_phone",
        "bill_name", "bill_company", "bill_line1", "bill_line2", "bill_city", "bill_region", "bill_postal_code", "bill_country", "bill_phone",
    ];

    private static readonly ImmutableArray<string> RequiredColumns = ["order_id", "sku", "quantity", "unit_price"];

    private static readonly ImmutableArray<string> LineColumns = ["sku", "name", "quantity", "unit_price", "discount"];

    public sealed record Result(ImmutableArray<Group> Orders, int Rows, string? Problem, string? ProblemField);

    /// <summary>One order's rows: the order-level values of its first row, its lines with their rows, and the errors of its rows.</summary>
    public sealed class Group(string? orderId, int row)
    {
        public string? OrderId { get; } = orderId;

        public int Row { get; } = row;

        public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

        public List<(int Row, NewOrderLine Line)> Lines { get; } = [];

        public List<ImportRowError> Errors { get; } = [];
    }

    public static Result Parse(string text, int maxRows)
    {
        var lines = text.Split('\n');
        var header = Split(lines[0].TrimEnd('\r'), out var headerBroken);
        if (header is [] or [""]) return new Result([], 0, "needs a header row naming the columns.", "body");
        if (headerBroken) return new Result([], 0, "has a broken quote.", "header");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name)) return new Result([], 0, $"is not a column of an import; the columns are {string.Join(", ", Columns)}.", name);
            if (!index.TryAdd(name, i)) return new Result([], 0, "appears twice in the header.", name);
        }

        if (RequiredColumns.FirstOrDefault(c => !index.ContainsKey(c)) is { } missing) return new Result([], 0, "is a required column.", missing);

        var groups = new List<Group>();
        var byId = new Dictionary<string, Group>(StringComparer.Ordinal);
        var rows = 0;
        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Length == 0) continue;
            if (++rows > maxRows) return new Result([], rows, $"An import has at most {maxRows} rows.", "body");
            var row = n + 1;
            var fields = Split(line, out var broken);
            var orderId = fields.Count > index["order_id"] ? fields[index["order_id"]].Trim() : "";
            Group group;
            if (orderId.Length == 0)
            {
                group = new Group(null, row);
                groups.Add(group);
            }
            else if (!byId.TryGetValue(orderId, out group!))
            {
                group = new Group(orderId, row);
                byId.Add(orderId, group);
                groups.Add(group);
            }

            if (broken || fields.Count != header.Count || line.Contains('\0'))
            {
                group.Errors.Add(new ImportRowError(row, group.OrderId, null, "malformed-row",
                    broken ? "The row has a quote that is not closed or text after a closing quote."
                    : fields.Count != header.Count ? $"The row has {fields.Count} fields; the header has {header.Count}."
                    : "The row contains the character U+0000."));
                continue;
            }

            if (orderId.Length == 0) group.Errors.Add(new ImportRowError(row, null, "order_id", "required", "order_id is required."));
            Read(group, row, fields, index);
        }

        return new Result([.. groups], rows, null, null);
    }

    /// <summary>The order a group's rows describe, as the JSON form would give it.</summary>
    public static ImportOrderRequest ToOrder(Group group)
    {
        string? V(string column) => group.Values.TryGetValue(column, out var v) && v.Length > 0 ? v : null;
        var errors = group.Errors;
        return new ImportOrderRequest
        {
            Id = group.OrderId,
            Status = V("status"),
            CreatedAt = Time(V("created_at"), "created_at"),
            PlacedAt = Time(V("placed_at"), "placed_at"),
            Currency = V("currency"),
            Priority = V("priority") is { } p ? Enum<OrderPriority>(p, "priority") : null,
            Tags = V("tags") is { } tags ? [.. tags.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [],
            Customer = V("customer_id") is { } customerId ? new CustomerRef { CustomerId = customerId, Name = V("customer_name"), Email = V("customer_email") } : null,
            Channel = V("channel") is { } channel && Enum<ChannelKind>(channel, "channel") is { } kind ? new SalesChannel { Kind = kind, MarketplaceName = V("marketplace") } : null,
            Lines = [.. group.Lines.Select(l => l.Line)],
            ShippingAddress = Address("ship_"),
            BillingAddress = Address("bill_"),
            Shipping = V("shipping_method") is null && V("shipping_price") is null ? null : new ShippingSelection
            {
                Method = V("shipping_method") ?? "", Carrier = V("shipping_carrier"), Price = Number(V("shipping_price"), "shipping_price") ?? 0,
            },
        };

        Address? Address(string prefix)
        {
            string[] parts = ["name", "company", "line1", "line2", "city", "region", "postal_code", "country", "phone"];
            if (parts.All(part => V(prefix + part) is null)) return null;
            return new Address
            {
                Name = V(prefix + "name") ?? "", Company = V(prefix + "company"), Line1 = V(prefix + "line1") ?? "", Line2 = V(prefix + "line2"),
                City = V(prefix + "city") ?? "", Region = V(prefix + "region"), PostalCode = V(prefix + "postal_code") ?? "",
                CountryCode = V(prefix + "country") ?? "", Phone = V(prefix + "phone"),
            };
        }

        DateTimeOffset? Time(string? value, string column)
        {
            if (value is null) return null;
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
            errors.Add(new ImportRowError(group.Row, group.OrderId, column, "invalid-time", $"{column} '{value}' is not an ISO 8601 time."));
            return null;
        }

        decimal? Number(string? value, string column)
        {
            if (value is null) return null;
            if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
            errors.Add(new ImportRowError(group.Row, group.OrderId, column, "invalid-number", $"{column} '{value}' is not a number."));
            return null;
        }

        T? Enum<T>(string value, string column) where T : struct, System.Enum
        {
            if (!char.IsAsciiDigit(value[0]) && value[0] != '-' && System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)) return parsed;
            errors.Add(new ImportRowError(group.Row, group.OrderId, column, "unknown-value",
                $"{column} '{value}' must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}."));
            return null;
        }
    }

    private static void Read(Group group, int row, List<string> fields, Dictionary<string, int> index)
    {
        string Field(string column) => index.TryGetValue(column, out var i) ? fields[i].Trim() : "";
        var first = group.Lines.Count == 0 && group.Values.Count == 0;
        foreach (var (column, i) in index)
        {
            if (LineColumns.Contains(column)) continue;
            var value = fields[i].Trim();
            if (first) group.Values[column] = value;
            else if (value.Length > 0 && group.Values.TryGetValue(column, out var kept) && kept.Length > 0 && kept != value)
                group.Errors.Add(new ImportRowError(row, group.OrderId, column, "conflicting-value",
                    $"{column} is '{value}' here but '{kept}' on the order's first row (row {group.Row})."));
            else if (value.Length > 0 && (!group.Values.TryGetValue(column, out var empty) || empty.Length == 0)) group.Values[column] = value;
        }

        var bad = false;
        if (!int.TryParse(Field("quantity"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
            bad = Error("quantity", "invalid-number", $"quantity '{Field("quantity")}' is not a whole number.");
        if (!decimal.TryParse(Field("unit_price"), NumberStyles.Number, CultureInfo.InvariantCulture, out var unitPrice))
            bad = Error("unit_price", "invalid-number", $"unit_price '{Field("unit_price")}' is not a number.");
        var discount = 0m;
        if (Field("discount") is { Length: > 0 } d && !decimal.TryParse(d, NumberStyles.Number, CultureInfo.InvariantCulture, out discount))
            bad = Error("discount", "invalid-number", $"discount '{d}' is not a number.");
        if (!bad) group.Lines.Add((row, new NewOrderLine { Sku = Field("sku"), Name = Field("name"), Quantity = quantity, UnitPrice = unitPrice, Discount = discount }));

        bool Error(string column, string code, string message)
        {
            group.Errors.Add(new ImportRowError(row, group.OrderId, column, code, message));
            return true;
        }
    }

    /// <summary>Splits one line into fields; <paramref name="broken"/> when a quote is not closed (the fields up to it are returned).</summary>
    private static List<string> Split(string line, out bool broken)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        broken = false;
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (!closed || (i < line.Length && line[i] != ','))
                {
                    broken = true;
                    return fields;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                    {
                        broken = true;
                        return fields;
                    }

                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }
}
