using System.Diagnostics;
using System.Net;
using OrderCluster.Bench.Common;

namespace OrderCluster.Bench.Intake;

/// <summary>
/// One simulated marketplace integration: posts orders one after another with its own API key, a fresh Idempotency-Key
/// per order, re-sends a share of them with the same key (as integrations do after a timeout), reserves stock for each
/// created order when the silo serves allocation, and in the baseline slices calls <c>GET /healthz</c> instead.
/// </summary>
internal sealed class MarketplaceIntegration(int index, HttpClient http, string apiKey, string runTag, double retryRate, string? allocatePath)
{
    private const int MaxAttempts = 5;
    private readonly Random _random = new(index * 7919 + 17);
    private long _sequence;

    /// <summary>The figures of the measured slices.</summary>
    public IntakeStats Stats { get; } = new();

    /// <summary>Every Idempotency-Key whose order was created (warm-up included) and the order id its responses named.</summary>
    public Dictionary<string, string> Ledger { get; } = new(StringComparer.Ordinal);

    /// <summary>Orders (first sends answered 201) in all slices, warm-up included.</summary>
    public long AllOrdersCreated { get; private set; }

    public async Task PostOrdersAsync(Func<bool> stop, bool measured, CancellationToken cancellationToken)
    {
        var stats = measured ? Stats : new IntakeStats();
        while (!stop() && !cancellationToken.IsCancellationRequested)
        {
            var sequence = ++_sequence;
            var key = $"{runTag}-{index}-{sequence}";
            var body = MarketplaceOrders.CreateBody(runTag, index, sequence, _random);
            var created = await CreateAsync(key, body, stats, cancellationToken);
            if (created is not { } order) continue;
            if (_random.NextDouble() < retryRate) await RetryAsync(key, body, order.OrderId, stats, cancellationToken);
            if (allocatePath is not null && order.Status == "approved") await ReserveAsync(key, order.OrderId, stats, cancellationToken);
        }
    }

    public async Task CheckHealthAsync(Func<bool> stop, bool measured, CancellationToken cancellationToken)
    {
        var stats = measured ? Stats : new IntakeStats();
        while (!stop() && !cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            var (status, _, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/healthz"), cancellationToken);
            stats.Health.RecordSince(start);
            stats.Count($"healthz {status}");
            stats.HealthRequests++;
        }
    }

    /// <summary>Sends a create until it is answered for good (a transient failure is sent again with the same key).</summary>
    private async Task<(string OrderId, string Status)?> CreateAsync(string key, byte[] body, IntakeStats stats, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var start = Stopwatch.GetTimestamp();
            var (status, response, retryAfter) = await SendAsync(() => Post("/api/v1/orders", key, body), cancellationToken);
            (attempt == 1 ? stats.Create : stats.Retry).RecordSince(start);
            stats.Count($"{(attempt == 1 ? "create" : "create-retry")} {status}");
            if (attempt > 1) stats.TransientRetries++;
            if (status is "201" or "200" && Read(response) is { } order)
            {
                if (status == "201")
                {
                    stats.OrdersCreated++;
                    AllOrdersCreated++;
                }

                Remember(key, order.OrderId, stats);
                return order;
            }

            if (!IsTransient(status)) return null;
            await Task.Delay(retryAfter ?? TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
        }

        return null;
    }

    private async Task RetryAsync(string key, byte[] body, string orderId, IntakeStats stats, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var (status, response, _) = await SendAsync(() => Post("/api/v1/orders", key, body), cancellationToken);
        stats.Retry.RecordSince(start);
        stats.Count($"retry {status}");
        stats.SimulatedRetries++;
        if (status is not ("200" or "201") || Read(response) is not { } order) return;
        if (order.OrderId == orderId) stats.RetriesReplayed++;
        else stats.RetriesWithAnotherOrder++;
        Remember(key, order.OrderId, stats);
    }

    private async Task ReserveAsync(string key, string orderId, IntakeStats stats, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var path = allocatePath!.Replace("{orderId}", Uri.EscapeDataString(orderId), StringComparison.Ordinal);
        var (status, response, _) = await SendAsync(() => Post(path, key + "-allocate", "{}"u8.ToArray()), cancellationToken);
        stats.Reserve.RecordSince(start);
        stats.Count($"allocate {status}");
        if (status is not ("200" or "201")) return;
        if (HasAllocations(response)) stats.ReservationsMade++;
        else stats.Count("allocate backordered-no-stock"); // answered, but nothing reserved: no warehouse holds these SKUs
    }

    private static bool HasAllocations(byte[] body) => FulfilmentAnswer.Read(body) is { Allocations: > 0 };

    private void Remember(string key, string orderId, IntakeStats stats)
    {
        if (Ledger.TryGetValue(key, out var known) && known != orderId) stats.Count("duplicate-order-for-one-key");
        Ledger[key] = orderId;
    }

    private HttpRequestMessage Post(string path, string idempotencyKey, byte[] body) =>
        HttpAnswer.Request(HttpMethod.Post, path, apiKey, body, idempotencyKey);

    /// <summary>Sends and reads the whole response; the status is the code, or the failure's exception type.</summary>
    private async Task<(string Status, byte[] Body, TimeSpan? RetryAfter)> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        var answer = await HttpAnswer.SendAsync(http, create, cancellationToken);
        return (answer.Status, answer.Body, answer.RetryAfter);
    }

    private static bool IsTransient(string status) =>
        status is "409" or "429" or "timeout" or nameof(HttpRequestException) or nameof(IOException)
        || (status.Length == 3 && status[0] == '5');

    private static (string OrderId, string Status)? Read(byte[] body) => OrderAnswer.Read(body) is { } order ? (order.OrderId, order.Status) : null;

    /// <summary>True for a status the API answers to an exhausted rate limit.</summary>
    public static bool IsRateLimited(string outcome) => outcome.EndsWith(" " + (int)HttpStatusCode.TooManyRequests, StringComparison.Ordinal);
}
