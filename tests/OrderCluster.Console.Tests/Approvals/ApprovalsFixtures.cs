using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Console.Tests.Approvals;

/// <summary>API calls of the approvals and wizard tests: a user's session over HTTP, orders the clerk creates, reads.</summary>
internal static class ApprovalsFixtures
{
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

    /// <summary>Places an order of <paramref name="quantity"/> × <paramref name="unitPrice"/> EUR (plus 10.00 shipping) as the caller; returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient caller, string customerId, int quantity, decimal unitPrice)
    {
        var created = await JsonAsync(await caller.PostAsJsonAsync("/api/v1/orders", new
        {
            customer = new { customerId, name = "Ada Lovelace", email = "ada@example.com" },
            channel = new { kind = "phone" },
            currency = "EUR",
            lines = new object[] { new { sku = "PRESS-1", name = "Printing press", quantity, unitPrice } },
            shippingAddress = new { name = "Ada Lovelace", line1 = "1 Analytical Way", city = "London", postalCode = "N1 9GU", countryCode = "GB" },
            shipping = new { method = "freight", price = 10.00m },
        }), HttpStatusCode.Created);
        return created.GetProperty("orderId").GetString()!;
    }

    public static async Task<JsonElement> OrderAsync(HttpClient api, string orderId) =>
        await JsonAsync(await api.GetAsync($"/api/v1/orders/{Uri.EscapeDataString(orderId)}"));

    /// <summary>Waits until the order search (what the inbox lists) shows the customer's orders in the pending-approval state.</summary>
    public static Task UntilPendingListedAsync(HttpClient api, string customerId, params string[] orderIds) =>
        Eventually.TrueAsync(async () =>
        {
            var page = await JsonAsync(await api.GetAsync($"/api/v1/orders?status=pending-approval&customerId={Uri.EscapeDataString(customerId)}&limit=200"));
            var listed = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).ToHashSet();
            return orderIds.All(listed.Contains);
        }, $"GET /orders?status=pending-approval lists {string.Join(", ", orderIds)}");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
