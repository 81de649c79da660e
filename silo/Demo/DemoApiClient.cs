using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrderCluster.Api.Orders;

namespace OrderCluster.Silo.Demo;

/// <summary>
/// Creates demo orders through this silo's own HTTP API with the demo key, as a shop would: the API adds each order to the
/// tenant's order index (so it is listed), checks the request and keeps the idempotency key. Later workflow steps go to the
/// grains directly (fulfilment has no HTTP endpoints).
/// </summary>
internal sealed class DemoApiClient(IServer server) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private HttpClient? _http;

    /// <summary>The first address the server listens on, with a wildcard host replaced by <c>localhost</c>.</summary>
    public string BaseAddress
    {
        get
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
            if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "localhost";
            return uri.Uri.GetLeftPart(UriPartial.Authority);
        }
    }

    /// <summary>Creates the order; the order id, or null when the API refused it (the reason in <paramref name="refusal"/>).</summary>
    public async Task<(string? OrderId, string? Refusal)> CreateOrderAsync(string apiKey, CreateOrderRequest request, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        _http ??= new HttpClient { BaseAddress = new Uri(BaseAddress), Timeout = TimeSpan.FromSeconds(40) };
        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(request, options: Json) };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            message.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await _http.SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
                return (body.RootElement.GetProperty("orderId").GetString(), null);
            }

            // rate limited, or the first attempt still running: the same request again after a pause
            var retry = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable;
            if (!retry || attempt == 5)
                return (null, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    /// <summary>
    /// Creates console user <paramref name="username"/> with <paramref name="role"/> and <paramref name="password"/>, or when it
    /// exists (a restart) gives it this password and role again; the refusal's text, or null.
    /// </summary>
    public async Task<string?> EnsureUserAsync(string apiKey, string username, string role, string password, CancellationToken cancellationToken)
    {
        _http ??= new HttpClient { BaseAddress = new Uri(BaseAddress), Timeout = TimeSpan.FromSeconds(40) };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username, password, roles = new[] { role } }, options: Json),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var created = await _http.SendAsync(create, cancellationToken);
        if (created.IsSuccessStatusCode) return null;
        if (created.StatusCode != HttpStatusCode.Conflict) return $"{(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}";

        using var reset = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{username}")
        {
            Content = JsonContent.Create(new { password, roles = new[] { role }, disabled = false }, options: Json),
        };
        reset.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var changed = await _http.SendAsync(reset, cancellationToken);
        return changed.IsSuccessStatusCode ? null : $"{(int)changed.StatusCode} {await changed.Content.ReadAsStringAsync(cancellationToken)}";
    }

    public void Dispose() => _http?.Dispose();
}
