using System.Text;
using System.Threading.Channels;
using OrderCluster.Bench.Common;

namespace OrderCluster.Bench.Load;

/// <summary>
/// One simulated operator: takes acknowledged orders and works each over the public API as a person would. It reads the
/// order (ETag), cancels about 5 % (with a reason), holds and resumes about 5 %, allocates, creates the shipments and moves
/// each through pick, pack, ship (carrier and tracking number) and deliver. Every write carries If-Match (the order's or the
/// fulfilment's version) and an Idempotency-Key; a 412 re-reads and tries again, a 409 re-reads and leaves the order
/// (the system's answer to that step is final), and a refusal is counted by its problem code by <see cref="LoadClient"/>.
/// </summary>
internal sealed class LoadOperator(int index, LoadClient client, LoadMetrics metrics, LoadLedger ledger, ChannelReader<string> orders)
{
    private const int Decisions = 3;
    private static readonly string[] Carriers = ["DHL", "DPD", "GLS", "UPS", "Hermes"];
    private static readonly string[] Steps = ["pick", "pack", "ship", "deliver"];
    private long _writes;

    public async Task RunAsync(Func<bool> stopped, CancellationToken stopping)
    {
        while (!stopped())
        {
            string orderId;
            try
            {
                orderId = await orders.ReadAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await WorkAsync(orderId, stopped);
        }
    }

    private async Task WorkAsync(string orderId, Func<bool> stopped)
    {
        if (await ReadOrderAsync(orderId) is not { } version) return;
        var roll = client.Random.NextDouble();
        if (roll < 0.05)
        {
            await OrderActionAsync(orderId, "cancel", version, "customer asked to cancel");
            return;
        }

        if (roll < 0.10)
        {
            if (await OrderActionAsync(orderId, "hold", version, "address check") is not { } held) return;
            if (await OrderActionAsync(orderId, "resume", held, "address confirmed") is null) return;
        }

        if (stopped() || await ReadFulfilmentAsync(orderId) is not { } fulfilment) return;
        if (await FulfilmentAsync(orderId, "allocate", "allocate", "/allocate", "{}", fulfilment.Version) is not { } allocated) return;
        if (allocated.Backorders > 0) metrics.Outcome(allocated.Allocations == 0 ? "allocate backordered (no stock)" : "allocate partly backordered");
        if (allocated.Allocations == 0) return;
        if (stopped() || await FulfilmentAsync(orderId, "shipment", "shipment", "/shipments", "{}", allocated.Version) is not { } shipped) return;
        var current = shipped;
        foreach (var (shipmentId, _) in shipped.Shipments.Where(s => s.Status == "pending"))
        {
            foreach (var step in Steps)
            {
                if (stopped()) return;
                var body = step == "ship"
                    ? $$"""{"action":"ship","carrier":"{{Carriers[client.Random.Next(Carriers.Length)]}}","trackingNumber":"TRK{{index}}{{client.Random.NextInt64(1_000_000_000):D9}}"}"""
                    : $$"""{"action":"{{step}}"}""";
                var path = $"/shipments/{Uri.EscapeDataString(shipmentId)}/advance";
                if (await FulfilmentAsync(orderId, "advance", "advance:" + step, path, body, current.Version) is not { } next) return;
                current = next;
            }
        }

        metrics.Outcome("order worked to delivered");
    }

    /// <summary>The order's version (its ETag), or null when it cannot be read.</summary>
    private async Task<long?> ReadOrderAsync(string orderId)
    {
        var answer = await client.GetAsync("read order", $"/api/v1/orders/{Uri.EscapeDataString(orderId)}");
        if (!answer.IsSuccess) return null;
        metrics.ReadAnswered();
        return answer.ETagVersion ?? OrderAnswer.Read(answer.Body)?.Version;
    }

    private async Task<FulfilmentAnswer?> ReadFulfilmentAsync(string orderId)
    {
        var answer = await client.GetAsync("read fulfilment", $"/api/v1/orders/{Uri.EscapeDataString(orderId)}/fulfilment");
        if (!answer.IsSuccess) return null;
        metrics.ReadAnswered();
        return FulfilmentAnswer.Read(answer.Body);
    }

    /// <summary><c>cancel</c>, <c>hold</c> or <c>resume</c> with If-Match; the order's new version, or null when refused.</summary>
    private async Task<long?> OrderActionAsync(string orderId, string action, long version, string reason)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"reason":"{{reason}}"}""");
        var kind = action == "resume" ? "hold" : action;
        for (var decision = 1; decision <= Decisions; decision++)
        {
            var answer = await WriteAsync(kind, $"/api/v1/orders/{Uri.EscapeDataString(orderId)}/{action}", body, version);
            if (answer.IsSuccess && OrderAnswer.Read(answer.Body) is { } order)
            {
                metrics.CommandAcked();
                ledger.Command(orderId, action, order.Status, order.Version);
                return order.Version ?? answer.ETagVersion;
            }

            if (answer.Status is not ("412" or "409") || await ReadOrderAsync(orderId) is not { } current) return null;
            if (answer.Status == "409") return null; // re-read: the status does not allow it now, so the operator leaves the order
            version = current;
        }

        return null;
    }

    /// <summary>A fulfilment write with the fulfilment's version as If-Match; its new snapshot, or null when refused.</summary>
    private async Task<FulfilmentAnswer?> FulfilmentAsync(string orderId, string kind, string command, string path, string json, long version)
    {
        var body = Encoding.UTF8.GetBytes(json);
        for (var decision = 1; decision <= Decisions; decision++)
        {
            var answer = await WriteAsync(kind, $"/api/v1/orders/{Uri.EscapeDataString(orderId)}/fulfilment{path}", body, version);
            if (answer.IsSuccess && FulfilmentAnswer.Read(answer.Body) is { } snapshot)
            {
                metrics.CommandAcked();
                ledger.Command(orderId, command, null, null); // the answer is the fulfilment's, not the order's status and version
                return snapshot;
            }

            if (answer.Status is not ("412" or "409") || await ReadFulfilmentAsync(orderId) is not { } current) return null;
            if (answer.Status == "409") return null;
            version = current.Version;
        }

        return null;
    }

    /// <summary>One decision: a write with its own Idempotency-Key, kept across the retries of that decision.</summary>
    private async Task<HttpAnswer> WriteAsync(string kind, string path, byte[] body, long version)
    {
        var key = $"op{index}-{Interlocked.Increment(ref _writes)}-{Guid.NewGuid():N}";
        return await client.SendAsync(kind, () => HttpAnswer.Request(HttpMethod.Post, path, client.ApiKey, body, key, version));
    }
}
