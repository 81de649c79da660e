using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Console.Tests.Approvals;

/// <summary>API calls of the approvals and wizard tests: orders the clerk creates, and waiting for the inbox's list.</summary>
internal static class ApprovalsFixtures
{
    /// <summary>Places an order of <paramref name="quantity"/> × <paramref name="unitPrice"/> EUR (plus 10.00 shipping) as the caller; returns its id.</summary>
    public static Task<string> CreateAsync(HttpClient caller, string customerId, int quantity, decimal unitPrice) =>
        ConsoleApi.CreateOrderAsync(caller, customerId, [new { sku = "PRESS-1", name = "Printing press", quantity, unitPrice }], channel: "phone", shippingPrice: 10.00m);

    /// <summary>Waits until the order search (what the inbox lists) shows the customer's orders in the pending-approval state.</summary>
    public static Task UntilPendingListedAsync(HttpClient api, string customerId, params string[] orderIds) =>
        Eventually.TrueAsync(async () =>
        {
            var page = await ConsoleApi.JsonAsync(await api.GetAsync($"/api/v1/orders?status=pending-approval&customerId={Uri.EscapeDataString(customerId)}&limit=200"));
            var listed = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).ToHashSet();
            return orderIds.All(listed.Contains);
        }, $"GET /orders?status=pending-approval lists {string.Join(", ", orderIds)}");

}
