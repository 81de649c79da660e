using System.Text.Json;

namespace OrderCluster.Bench.Chaos;

/// <summary>One audit entry as stored: its sequence, action and the status it moved the order to (null when it did not).</summary>
internal sealed record StoredAuditEntry(long Sequence, string Action, string? StatusAfter);

/// <summary>One SLA deadline as stored.</summary>
internal sealed record StoredDeadline(string DeadlineId, string Status, DateTimeOffset DueAt, DateTimeOffset WarnAt);

/// <summary>The parts of an order grain's stored state (<c>grain_state</c>, type <c>order</c>) the chaos checks read.</summary>
internal sealed record StoredOrder(
    string OrderId,
    long Version,
    string Status,
    string? ExternalReference,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, long> UnitsBySku,
    IReadOnlyList<StoredAuditEntry> Audit,
    IReadOnlyList<StoredDeadline> Sla)
{
    public static StoredOrder Parse(string orderId, string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var s = json.RootElement;
        var units = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in s.GetProperty("lines").EnumerateArray())
        {
            var sku = line.GetProperty("sku").GetString()!;
            units[sku] = units.GetValueOrDefault(sku) + line.GetProperty("quantity").GetInt64();
        }

        var audit = s.GetProperty("audit").EnumerateArray().Select(a => new StoredAuditEntry(
            a.TryGetProperty("sequence", out var q) ? q.GetInt64() : 0,
            a.GetProperty("action").GetString()!,
            a.GetProperty("changes").EnumerateArray()
                .Where(c => c.GetProperty("path").GetString() == "status")
                .Select(c => c.GetProperty("after").GetString()).FirstOrDefault())).ToList();
        var sla = s.GetProperty("sla").EnumerateArray().Select(d => new StoredDeadline(
            d.GetProperty("deadlineId").GetString()!, d.GetProperty("status").GetString()!,
            d.GetProperty("dueAt").GetDateTimeOffset(), d.GetProperty("warnAt").GetDateTimeOffset())).ToList();
        string? external = null;
        if (s.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
            && channel.TryGetProperty("externalReferences", out var references) && references.ValueKind == JsonValueKind.Array)
            external = references.EnumerateArray().Select(r => r.GetProperty("id").GetString()).FirstOrDefault();
        return new StoredOrder(orderId, s.GetProperty("version").GetInt64(), s.GetProperty("status").GetString()!, external,
            s.GetProperty("createdAt").GetDateTimeOffset(), units, audit, sla);
    }
}
