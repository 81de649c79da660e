using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;

namespace OrderCluster.Console.Tests.OrderDetail;

/// <summary>Orders for the order-detail tests, created and read over the public API with the admin key.</summary>
internal static class OrderDetailFixtures
{
    /// <summary>A line of a new order; <paramref name="UnitCost"/> null leaves the cost unknown.</summary>
    public sealed record Line(string Sku, int Quantity, decimal UnitPrice, decimal? UnitCost = null);

    /// <summary>Creates and places an order of <paramref name="lines"/> (4.95 EUR shipping) for a customer of its own; returns its id.</summary>
    public static Task<string> CreateAsync(HttpClient api, string customerId, params Line[] lines) =>
        ConsoleApi.CreateOrderAsync(api, customerId, lines.Select(l => new { sku = l.Sku, name = "Item " + l.Sku, quantity = l.Quantity, unitPrice = l.UnitPrice, unitCost = l.UnitCost }),
            channel: "phone");

    public static async Task<JsonElement> GetAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync("/api/v1" + path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The items of a paged list of the order (<c>notes</c>, <c>audit</c>, ...), up to 200.</summary>
    public static async Task<JsonElement[]> ItemsAsync(HttpClient api, string orderId, string list) =>
        [.. (await GetAsync(api, $"/orders/{Uri.EscapeDataString(orderId)}/{list}?limit=200")).GetProperty("items").EnumerateArray()];

    /// <summary>The order's lines as (SKU, quantity).</summary>
    public static (string Sku, int Quantity)[] Lines(JsonElement order) =>
        [.. order.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("sku").GetString()!, l.GetProperty("quantity").GetInt32()))];

    public static string Text(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>A decimal as the console shows money: two places and the currency.</summary>
    public static string Money(JsonElement money) =>
        money.GetProperty("amount").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " " + money.GetProperty("currency").GetString();
}
