using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OrderCluster.Bench.Common;

namespace OrderCluster.Bench.Load;

/// <summary>
/// The run's ledger (<c>--ledger FILE</c>): JSON lines (UTF-8, camelCase), one per acknowledged write, appended and flushed
/// as each 2xx answer has been read, so that a checker run after a crash still sees every write the cluster acknowledged.
/// Lines: <c>run</c> first, then <c>order</c> (each 2xx answer to a create, replays included) and <c>command</c> (each 2xx
/// operator write on an order), <c>end</c> last. Without a file every call does nothing.
/// </summary>
internal sealed class LoadLedger : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream? _file;

    private LoadLedger(FileStream? file) => _file = file;

    public static LoadLedger Open(string? path) =>
        new(path is null ? null : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough));

    public void Run(string runTag, string tenant, string warehouseId, int stockPerSku, IEnumerable<string> skus, DateTimeOffset startedAt) => Write(json =>
    {
        json.WriteString("kind", "run");
        json.WriteString("runTag", runTag);
        json.WriteString("tenant", tenant);
        json.WriteString("warehouseId", warehouseId);
        json.WriteNumber("stockPerSku", stockPerSku);
        json.WriteStartArray("skus");
        foreach (var sku in skus) json.WriteStringValue(sku);
        json.WriteEndArray();
        json.WriteString("startedAt", Iso(startedAt));
    });

    /// <summary>An order acknowledged for <paramref name="idempotencyKey"/>, with the lines of the create body that was sent.</summary>
    public void Order(string idempotencyKey, OrderAnswer order, IReadOnlyList<(string Sku, int Quantity)> lines) => Write(json =>
    {
        json.WriteString("kind", "order");
        json.WriteString("idempotencyKey", idempotencyKey);
        json.WriteString("orderId", order.OrderId);
        json.WriteString("status", order.Status);
        WriteNumberOrNull(json, "version", order.Version);
        json.WriteStartArray("lines");
        foreach (var (sku, quantity) in lines)
        {
            json.WriteStartObject();
            json.WriteString("sku", sku);
            json.WriteNumber("quantity", quantity);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("at", Iso(DateTimeOffset.UtcNow));
    });

    /// <summary>An operator's write acknowledged; <paramref name="status"/> and <paramref name="version"/> are the order's after it, when the answer has them.</summary>
    public void Command(string orderId, string command, string? status, long? version) => Write(json =>
    {
        json.WriteString("kind", "command");
        json.WriteString("orderId", orderId);
        json.WriteString("command", command);
        if (status is null) json.WriteNull("status");
        else json.WriteString("status", status);
        WriteNumberOrNull(json, "version", version);
        json.WriteString("at", Iso(DateTimeOffset.UtcNow));
    });

    public void End(long ordersAcked, long commandsAcked) => Write(json =>
    {
        json.WriteString("kind", "end");
        json.WriteString("endedAt", Iso(DateTimeOffset.UtcNow));
        json.WriteNumber("ordersAcked", ordersAcked);
        json.WriteNumber("commandsAcked", commandsAcked);
    });

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
        else json.WriteNull(name);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private void Write(Action<Utf8JsonWriter> properties)
    {
        if (_file is null) return;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }

        lock (_gate)
        {
            _file.Write(buffer.WrittenSpan);
            _file.WriteByte((byte)'\n');
            _file.Flush();
        }
    }

    public void Dispose() => _file?.Dispose();
}
