using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Console.Tests.Orders;

/// <summary>Orders for the orders-view tests, created and read over the public API with the admin key.</summary>
internal static class OrdersFixtures
{
    /// <summary>Creates (and places) an order of 2 × 10.00 EUR; returns its id.</summary>
    public static Task<string> CreateAsync(HttpClient api, string customerId, string[] tags, string priority = "normal", string? clientReference = null) =>
        ConsoleApi.CreateOrderAsync(api, customerId, [new { sku = "SKU-1", name = "Widget", quantity = 2, unitPrice = 10.00m }],
            tags: tags, priority: priority, clientReference: clientReference);

    /// <summary>The order ids of one page of <c>GET /orders?{query}</c>, and its next cursor.</summary>
    public static async Task<(string[] Ids, string? NextCursor)> SearchAsync(HttpClient api, string query)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/orders?" + query);
        var ids = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!).ToArray();
        var next = page.GetProperty("nextCursor");
        return (ids, next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    /// <summary>Waits until the search read model lists exactly these orders for the query (it follows the order streams).</summary>
    public static Task UntilSearchedAsync(HttpClient api, string query, IReadOnlyCollection<string> orderIds) =>
        Eventually.TrueAsync(async () => (await SearchAsync(api, query + "&limit=200")).Ids.Order().SequenceEqual(orderIds.Order()),
            $"GET /orders?{query} lists the {orderIds.Count} orders");

}
