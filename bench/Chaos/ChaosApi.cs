using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrderCluster.Bench.Chaos;

/// <summary>An order as the API answers it: enough to check that it exists and to recompute revenue.</summary>
internal sealed record ApiOrder(string OrderId, string Status, decimal Total);

/// <summary>
/// The cluster's HTTP API with the tenant's admin key, spread over every silo's address: a read that fails on one silo
/// (connection refused, timeout, 5xx, 429) is tried on the next, so a check measures the data, not one silo's health.
/// </summary>
internal sealed class ChaosApi(IReadOnlyList<Uri> silos, string key) : IDisposable
{
    private const int Attempts = 8;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private int _next;

    /// <summary>The order, or null when the API answers 404 for it.</summary>
    public async Task<ApiOrder?> OrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var (status, body) = await GetAsync($"/api/v1/orders/{Uri.EscapeDataString(orderId)}", cancellationToken);
        if (status == HttpStatusCode.NotFound) return null;
        using var json = JsonDocument.Parse(body);
        var o = json.RootElement;
        return new ApiOrder(o.GetProperty("orderId").GetString()!, o.GetProperty("status").GetString()!,
            o.GetProperty("totals").GetProperty("total").GetProperty("amount").GetDecimal());
    }

    /// <summary>Hourly KPI points of one dimension (<c>""</c> for the tenant total, or <c>sku</c>), keyed by (period start, dimension value).</summary>
    public async Task<Dictionary<(DateTimeOffset Period, string Dimension), JsonElement>> HourlyKpisAsync(string dimension, DateTimeOffset from,
        DateTimeOffset to, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/analytics/kpis?grain=hour&from={Iso(from)}&to={Iso(to)}" + (dimension.Length == 0 ? "" : "&dimension=" + dimension);
        var (_, body) = await GetAsync(path, cancellationToken);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.EnumerateArray().ToDictionary(
            p => (p.GetProperty("periodStart").GetDateTimeOffset(), p.GetProperty("dimension").GetString()!),
            p => p.GetProperty("figures").Clone());
    }

    /// <summary>GET, answered 200 or 404; anything else is tried again on the next silo, and after the last attempt it throws.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json, string? ifMatch,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var silo = silos[(int)((uint)Interlocked.Increment(ref _next) % silos.Count)];
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(silo, path));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
                if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await _http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return (response.StatusCode, body);
                failures.Add($"{silo.Authority} {(int)response.StatusCode}");
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                    throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {body}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{silo.Authority} {e.GetType().Name}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * (attempt + 1)), cancellationToken);
        }

        throw new InvalidOperationException($"{method} {path} failed on every attempt: {string.Join(", ", failures)}");
    }

    private static string Iso(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _http.Dispose();
}
