using System.Text.Json;

namespace OrderCluster.Bench.Common;

/// <summary>What a fulfilment snapshot (<c>GET /orders/{id}/fulfilment</c> or a fulfilment command's answer) says: version, allocations, backorders, shipments.</summary>
internal sealed record FulfilmentAnswer(long Version, string Status, int Allocations, int Backorders, IReadOnlyList<(string ShipmentId, string Status)> Shipments)
{
    /// <summary>Reads the snapshot; null when the body is not one.</summary>
    public static FulfilmentAnswer? Read(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || !version.TryGetInt64(out var v)) return null;
            var shipments = Items(root, "shipments")
                .Select(s => (s.GetProperty("shipmentId").GetString() ?? "", s.TryGetProperty("status", out var st) ? st.GetString() ?? "" : ""))
                .ToList();
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
            var allocations = Items(root, "allocations").Count(a => !(a.TryGetProperty("released", out var r) && r.ValueKind == JsonValueKind.True));
            return new FulfilmentAnswer(v, status, allocations, Items(root, "backorders").Count(), shipments);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, string name) =>
        root.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [];
}
