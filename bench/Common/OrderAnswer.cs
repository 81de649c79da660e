using System.Text.Json;

namespace OrderCluster.Bench.Common;

/// <summary>The order id, status and version an order command or create answers (<c>{"orderId":…,"status":…,"version":N}</c>).</summary>
internal sealed record OrderAnswer(string OrderId, string Status, long? Version)
{
    /// <summary>Reads the answer; null when the body names no order.</summary>
    public static OrderAnswer? Read(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("orderId", out var id) || id.GetString() is not { } orderId) return null;
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
            long? version = root.TryGetProperty("version", out var v) && v.TryGetInt64(out var n) ? n : null;
            return new OrderAnswer(orderId, status, version);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
