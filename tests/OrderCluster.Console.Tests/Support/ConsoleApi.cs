using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrderCluster.Console.Tests.Support;

/// <summary>What every console test does over the public API: unique ids, a user's session, orders created and read.</summary>
internal static class ConsoleApi
{
    /// <summary>A unique suffix for a test's ids, tags and customers (tests share one cluster).</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>An HttpClient that acts as <paramref name="username"/>: the bearer token of a session (POST /api/v1/sessions).</summary>
    public static async Task<HttpClient> SignedInAsync(ConsoleCluster cluster, string username)
    {
        var client = new HttpClient { BaseAddress = cluster.BaseAddress };
        var session = await JsonAsync(await client.PostAsJsonAsync("/api/v1/sessions",
            new { tenant = ConsoleCluster.Tenant, username, password = ConsoleCluster.Password }), HttpStatusCode.Created);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        return client;
    }

    /// <summary>
    /// Creates and places an order of <paramref name="lines"/> (objects with sku, name, quantity, unitPrice and optionally
    /// unitCost) for <paramref name="customerId"/>, as the caller; returns its id.
    /// </summary>
    public static async Task<string> CreateOrderAsync(HttpClient caller, string customerId, IEnumerable<object> lines, string channel = "online",
        decimal shippingPrice = 4.95m, string[]? tags = null, string priority = "normal", string? clientReference = null)
    {
        var created = await JsonAsync(await caller.PostAsJsonAsync("/api/v1/orders", new
        {
            customer = new { customerId, name = "Ada Lovelace", email = "ada@example.com" },
            channel = new { kind = channel },
            currency = "EUR",
            lines,
            shippingAddress = new { name = "Ada Lovelace", line1 = "1 Analytical Way", city = "London", postalCode = "N1 9GU", countryCode = "GB" },
            shipping = new { method = "standard", price = shippingPrice },
            tags = tags ?? [],
            priority,
            clientReference,
        }), HttpStatusCode.Created);
        return created.GetProperty("orderId").GetString()!;
    }

    public static async Task<JsonElement> OrderAsync(HttpClient api, string orderId) =>
        await JsonAsync(await api.GetAsync($"/api/v1/orders/{Uri.EscapeDataString(orderId)}"));

    /// <summary>The answer's JSON, after checking its status (the failure shows the request and the body).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
