using System.Threading.Channels;
using OrderCluster.Bench.Common;
using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// One simulated marketplace integration of a <c>load</c> run: posts the catalogue's orders (<see cref="MarketplaceOrders"/>)
/// one after another with its own key and <see cref="RetryPolicy"/>, one Idempotency-Key per order kept across every attempt,
/// re-sends a share of them with the same key as after a lost response, writes each acknowledgement to the ledger and hands
/// the acknowledged orders to the operators.
/// </summary>
internal sealed class LoadIntegration(int index, LoadClient client, string runTag, double retryRate, LoadMetrics metrics, LoadLedger ledger,
    ChannelWriter<string> acknowledged)
{
    private long _sequence;

    /// <summary>Every Idempotency-Key acknowledged, with each order id its answers named (one, unless idempotency failed).</summary>
    public Dictionary<string, HashSet<string>> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates whose every attempt failed: the order may exist without the integration knowing its id.</summary>
    public long GivenUp { get; private set; }

    public async Task RunAsync(Func<bool> stopped)
    {
        while (!stopped())
        {
            var sequence = ++_sequence;
            var key = $"{runTag}-{index}-{sequence}";
            var body = MarketplaceOrders.CreateBody(runTag, index, sequence, client.Random);
            var answer = await SendAsync(key, body, "create");
            if (!answer.IsSuccess)
            {
                if (LoadClient.IsTransient(answer)) GivenUp++;
                continue;
            }

            if (OrderAnswer.Read(answer.Body) is not { } order) continue;
            metrics.OrderAcked();
            Acknowledge(key, order, body);
            acknowledged.TryWrite(order.OrderId);
            if (client.Random.NextDouble() < retryRate) await ResendAsync(key, body, order.OrderId);
        }
    }

    /// <summary>The same create again, as an integration does when the first answer was lost: it must name the same order.</summary>
    private async Task ResendAsync(string key, byte[] body, string orderId)
    {
        var answer = await SendAsync(key, body, "retry");
        if (!answer.IsSuccess || OrderAnswer.Read(answer.Body) is not { } order) return;
        metrics.Outcome(order.OrderId == orderId ? "resend replayed the same order" : "resend answered ANOTHER order");
        Acknowledge(key, order, body);
    }

    private Task<HttpAnswer> SendAsync(string key, byte[] body, string kind) =>
        client.SendAsync(kind, () => HttpAnswer.Request(HttpMethod.Post, "/api/v1/orders", client.ApiKey, body, key), retryKind: "retry");

    private void Acknowledge(string key, OrderAnswer order, byte[] body)
    {
        ledger.Order(key, order, MarketplaceOrders.LinesOf(body));
        if (!Acknowledged.TryGetValue(key, out var orders)) Acknowledged[key] = orders = new HashSet<string>(StringComparer.Ordinal);
        orders.Add(order.OrderId);
    }
}
